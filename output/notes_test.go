package output

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Every file WriteDir writes has a note, and every note a file, so the
// list a run prints cannot fall out of step with what it saved.
func TestRunFileNotesMatchWriteDir(t *testing.T) {
	var written, noted []string
	for _, f := range allOutputFiles(tinyReport(), "svg") {
		written = append(written, strings.TrimSuffix(f.name, ".svg"))
		if !slices.Contains(Extensions(), filepath.Ext(f.name)) {
			t.Errorf("%s: its extension is not among %v", f.name, Extensions())
		}
	}
	for _, n := range RunFileNotes() {
		noted = append(noted, n[0])
	}
	slices.Sort(written)
	slices.Sort(noted)
	if !slices.Equal(written, noted) {
		t.Errorf("WriteDir writes %v, the notes name %v", written, noted)
	}
}

func TestNoteOf(t *testing.T) {
	notes := RunFileNotes()
	for _, name := range []string{"alignment.svg", "alignment.png", "quantiles.csv"} {
		if NoteOf(notes, name) == "" {
			t.Errorf("NoteOf(%s) is empty", name)
		}
	}
	if NoteOf(notes, "alignment.svg") != NoteOf(notes, "alignment.pdf") {
		t.Error("a plot's note depends on its format")
	}
	if got := NoteOf(notes, "thesis.docx"); got != "" {
		t.Errorf("NoteOf(thesis.docx) = %q, want nothing", got)
	}
}
