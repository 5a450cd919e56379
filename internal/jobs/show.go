package jobs

import (
	"fmt"
	"io"
	"strings"
)

// Info is a scenario's teaching notes, laid out as NetLogo's Info tab
// (what it is, how it works, things to notice, things to try) so that a
// teacher finds them where they expect: what 'sim show --info' prints.
type Info struct {
	// Name is how commands name the scenario; Title is its title, or
	// its name when it has none.
	Name, Title string
	Description string
	// Notes are the sections that have text, in the order of the tab.
	Notes []InfoNote
}

// InfoNote is one section of the teaching notes.
type InfoNote struct{ Head, Text string }

// ScenarioInfo opens the scenario file or built-in scenario arg within
// the limits l and gathers its teaching notes.
func ScenarioInfo(arg string, l Limits) (*Info, error) {
	s, err := Open(arg, nil, l)
	if err != nil {
		return nil, err
	}
	return InfoOf(s), nil
}

// InfoOf gathers the teaching notes of an opened scenario.
func InfoOf(s Scenario) *Info {
	sc := s.Sc
	info := &Info{Name: s.Name, Title: sc.Title, Description: strings.TrimSpace(sc.Description)}
	if info.Title == "" {
		info.Title = sc.Name
	}
	for _, n := range []InfoNote{
		{"WHAT IS IT?", sc.Info.WhatIsIt},
		{"HOW IT WORKS", sc.Info.HowItWorks},
		{"THINGS TO NOTICE", sc.Info.ThingsToNotice},
		{"THINGS TO TRY", sc.Info.ThingsToTry},
		{"SOURCES", sc.Info.Sources},
	} {
		if strings.TrimSpace(n.Text) != "" {
			info.Notes = append(info.Notes, n)
		}
	}
	return info
}

// Write prints the notes as plain text, each paragraph wrapped by wrap
// to width columns, saying how to add notes when there are none and how
// to run and play the scenario.
func (i *Info) Write(w io.Writer, width int, wrap func(text string, width int) string) {
	fmt.Fprintf(w, "%s\n%s\n", i.Title, strings.Repeat("=", min(width, len([]rune(i.Title)))))
	if i.Description != "" {
		fmt.Fprintf(w, "\n%s\n", wrap(i.Description, width))
	}
	for _, n := range i.Notes {
		fmt.Fprintf(w, "\n%s\n%s\n", n.Head, wrap(n.Text, width))
	}
	if len(i.Notes) == 0 {
		fmt.Fprintf(w, "\n%s has no teaching notes: add an [info] table with what_is_it, how_it_works,\nthings_to_notice and things_to_try (see docs/scenarios.md).\n", i.Name)
	}
	fmt.Fprintf(w, "\nRun it with 'sim run %s'; play it with 'sim play %s'.\n", i.Name, i.Name)
}
