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
