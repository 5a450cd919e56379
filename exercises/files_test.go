package exercises

import "testing"

func TestFileNote(t *testing.T) {
	for name, want := range map[string]string{
		"out/x/worksheet.html": "for students: open in a web browser, print or upload",
		"worksheet.md":         "the same, as Markdown to edit",
		"out/key.html":         "for the instructor: results, what they show, discussion points",
		"key.md":               "the same, as Markdown",
		"out/x/alignment.png":  "plot",
	} {
		if got := FileNote(name); got != want {
			t.Errorf("FileNote(%q) = %q, want %q", name, got, want)
		}
	}
}
