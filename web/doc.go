// Package web is sim in a browser: the class session, in which an
// instructor opens a session on a scenario and chooses the states for
// students, students join from their own browsers with the join code,
// each takes a state and moves every quarter, and the model plays every
// state no student holds.
//
// Pages are rendered on the server from embedded templates and work
// without scripts; a small script reloads a page when its session
// changes. Charts are SVG drawn by package output, as sim run draws them.
// Every session lives in a store (classroom/store) as its moves, so a
// server that restarts resumes every session where it was. A student
// acts through a token kept in a cookie for their session only, and an
// instructor through the token the session was created with; a request
// is limited in size and time, and nothing a request names reaches the
// file system.
package web
