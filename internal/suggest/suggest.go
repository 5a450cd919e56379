// Package suggest measures how far apart two words are, so that error
// messages can offer the name a user probably meant ("secruity" →
// "security").
package suggest

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Distance is the optimal-string-alignment edit distance between a and b,
// compared without regard to case: inserting, deleting or replacing a
// letter counts as one edit, and so does swapping two neighbouring letters
// ("secruity"), the commonest typing slip.
func Distance(a, b string) int {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	// d[i][j] is the distance between the first i runes of a and the first
	// j runes of b.
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// MaxLength is the longest word, in characters, for which a near miss is
// looked for: nobody mistypes a word that long, and comparing it would
// cost time and memory in proportion to its length squared.
const MaxLength = 64

// Nearest returns the candidate closest to s, if it is close enough to be
// a slip of the keyboard: one edit for words of up to four letters (agent
// codes), two for words of five to eight, a third of the word for longer
// ones. s itself is never suggested. Ties go to the alphabetically first
// candidate, so messages do not change from run to run.
func Nearest(s string, candidates []string) (string, bool) {
	n := utf8.RuneCountInString(s)
	if n > MaxLength {
		return "", false
	}
	limit := 1
	if n > 4 {
		limit = max(2, n/3)
	}
	sorted := slices.Clone(candidates)
	slices.Sort(sorted)
	best, bestD := "", limit+1
	for _, c := range sorted {
		if c == s {
			continue
		}
		if m := utf8.RuneCountInString(c); m > MaxLength || m-n > limit || n-m > limit {
			continue // too long, or too different in length to be within reach
		}
		if d := Distance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best, best != ""
}

// Prefixed returns the alphabetically first candidate that s starts, or
// that starts s ("--out" for "--output", "moscow" for "moscow-pressure"),
// ignoring case; both must have two letters or more.
func Prefixed(s string, candidates []string) (string, bool) {
	sorted := slices.Clone(candidates)
	slices.Sort(sorted)
	ls := strings.ToLower(s)
	for _, c := range sorted {
		lc := strings.ToLower(c)
		if len(ls) >= 2 && len(lc) >= 2 && c != s && (strings.HasPrefix(lc, ls) || strings.HasPrefix(ls, lc)) {
			return c, true
		}
	}
	return "", false
}

// Guess returns what a user probably meant by s among candidates: the
// nearest by Nearest, or else one that s starts or that starts s, by
// Prefixed.
func Guess(s string, candidates []string) (string, bool) {
	if c, ok := Nearest(s, candidates); ok {
		return c, true
	}
	return Prefixed(s, candidates)
}
