package output

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
)

// The notes of the files each command saves say what each file holds, in
// the order the command lists them (tables first, then plots). Plots are
// named without the extension the plot format chooses. They live beside
// the writers so that a new file is described where it is written.

// RunFileNotes are the notes of the files WriteDir writes.
func RunFileNotes() [][2]string {
	return [][2]string{
		{"timeseries.csv", "every state's values, turn by turn, for a spreadsheet (run 0; all runs with --keep-runs)"},
		{"events.csv", "every action and event, and the gains it was chosen for (run 0; all runs with --keep-runs)"},
		{"quantiles.csv", "mean and 5, 25, 50, 75, 95 % quantiles of every value across runs, turn by turn (with --runs)"},
		{"summary.json", "start and end values, action counts, every run's seed and the settings used"},
		{"alignment", "plot of every state's position between the two poles"},
		{"interests", "plot of the focal state's security, energy and alignment"},
	}
}

// ComparisonFileNotes are the notes of the files of a comparison.
func ComparisonFileNotes() [][2]string {
	return [][2]string{
		{"comparison.csv", "difference in medians at each date, with 95 % intervals and a verdict"},
		{"summary.json", "the scenarios, their end states, the method and every run's seed"},
		{"comparison", "plot of the focal state's fan charts, scenarios overlaid"},
	}
}

// ValidationFileNotes are the notes of the files of a validation.
func ValidationFileNotes() [][2]string {
	return [][2]string{
		{"validation.csv", "every pattern: the share of runs in which it held, the verdict, the timing error, a series' fit"},
		{"series.csv", "every observed series year by year, with the model's quantiles across runs"},
		{"record.csv", "the scenario's recorded decisions after history_until, and how often the agents made them"},
		{"mechanisms.csv", "how often each mechanism of the domain acted, per run"},
		{"actions.csv", "every kind of decision per run: who did what to whom"},
		{"validation.json", "the score, every verdict, the settings and every run's seed"},
		{"robustness.csv", "with --robustness: every pattern's share of runs at half, the same and double the choice temperature"},
		{"patterns", "plot of the share of runs in which each pattern holds"},
		{"series", "plot of each observed series against the model's band"},
	}
}

// Extensions are the extensions of every file the commands write, tables
// and plots in every format, so that a folder holding only such files
// can be told from one holding someone's other work.
func Extensions() []string {
	exts := []string{".csv", ".json"}
	for _, f := range formats {
		exts = append(exts, "."+f)
	}
	return exts
}

// WithPNG names the plots among notes with the default extension.
func WithPNG(notes [][2]string) [][2]string {
	items := slices.Clone(notes)
	for i, it := range items {
		if filepath.Ext(it[0]) == "" {
			items[i][0] += ".png"
		}
	}
	return items
}

// fileIndexOf is the place of the saved file called name in notes, or
// len(notes) for a file it does not know.
func fileIndexOf(notes [][2]string, name string) int {
	for i, n := range notes {
		if n[0] == name || n[0] == strings.TrimSuffix(name, filepath.Ext(name)) {
			return i
		}
	}
	return len(notes)
}

// WriteFileList lists the saved files with what each holds: tables
// first, then plots, in the order notes gives them.
func WriteFileList(w io.Writer, files []string, notes [][2]string) {
	files = slices.Clone(files)
	slices.SortStableFunc(files, func(a, b string) int { return fileIndexOf(notes, a) - fileIndexOf(notes, b) })
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	for _, f := range files {
		fmt.Fprintf(tw, "  %s\t%s\n", f, NoteOf(notes, f))
	}
	tw.Flush()
}

// NoteOf is what the saved file called name holds, by notes, or "" for
// a file notes does not know; a plot's note is found whatever its
// format's extension.
func NoteOf(notes [][2]string, name string) string {
	if i := fileIndexOf(notes, name); i < len(notes) {
		return notes[i][1]
	}
	return ""
}
