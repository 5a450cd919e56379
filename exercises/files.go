package exercises

import "path/filepath"

// FileNote says what the file WriteDir wrote as name holds, for the list
// the command prints: the four documents by name, anything else is a
// plot.
func FileNote(name string) string {
	switch filepath.Base(name) {
	case "worksheet.html":
		return "for students: open in a web browser, print or upload"
	case "worksheet.md":
		return "the same, as Markdown to edit"
	case "key.html":
		return "for the instructor: results, what they show, discussion points"
	case "key.md":
		return "the same, as Markdown"
	}
	return "plot"
}
