package output

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var sampleDir = flag.String("sample", "", "write sample outputs of a synthetic ensemble to this directory")

// TestSample writes the outputs of a synthetic 30-run ensemble (and of a
// single run) for people to look at; it runs only with -sample DIR.
func TestSample(t *testing.T) {
	if *sampleDir == "" {
		t.Skip("no -sample directory")
	}
	for _, tc := range []struct {
		name string
		runs int
	}{{"ensemble", 30}, {"single", 1}} {
		r := sampleReport(tc.runs)
		for _, f := range []string{"png", "svg", "pdf"} {
			r.Format = f
			if _, err := WriteDir(filepath.Join(*sampleDir, tc.name+"-"+f), r); err != nil {
				t.Fatal(err)
			}
		}
	}
	tr := tinyReport()
	if _, err := WriteDir(filepath.Join(*sampleDir, "tiny"), tr); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(*sampleDir); err != nil {
		t.Fatal(err)
	}
}
