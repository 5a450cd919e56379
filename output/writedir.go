package output

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// outputFile is one file of an output directory and how to write it.
type outputFile struct {
	name  string
	write func(io.Writer) error
}

// outputFiles lists the files WriteDir writes for r in format;
// quantiles.csv only for more than one run.
func outputFiles(r *Report, format string) []outputFile {
	files := allOutputFiles(r, format)
	if r.Runs > 1 {
		return files
	}
	return slices.DeleteFunc(files, func(f outputFile) bool { return f.name == "quantiles.csv" })
}

func allOutputFiles(r *Report, format string) []outputFile {
	return []outputFile{
		{"timeseries.csv", func(w io.Writer) error { return WriteTimeseries(w, r) }},
		{"events.csv", func(w io.Writer) error { return WriteEvents(w, r) }},
		{"summary.json", func(w io.Writer) error { return WriteSummary(w, r) }},
		{"quantiles.csv", func(w io.Writer) error { return WriteQuantiles(w, r) }},
		{"alignment." + format, func(w io.Writer) error {
			p, err := PlotAlignment(r)
			if err != nil {
				return err
			}
			return Render(w, p, AlignmentWidth, AlignmentHeight, format)
		}},
		{"interests." + format, func(w io.Writer) error {
			f, err := PlotInterests(r)
			if err != nil {
				return err
			}
			return Render(w, f, InterestsWidth, InterestsHeight, format)
		}},
	}
}

// WriteDir writes all outputs into dir atomically: everything goes first
// into a fresh temporary sibling directory, then the old dir (if any) is
// moved aside, the new one renamed into place and the old one removed. On
// any error the temporary directory is removed and the previous dir is
// left as it was. WriteDir refuses to replace a directory holding
// anything it would not have written itself, so a mistyped path cannot
// wipe unrelated files. It returns the names of the files written,
// relative to dir and sorted.
func WriteDir(dir string, r *Report) ([]string, error) {
	if err := r.validate(); err != nil {
		return nil, fmt.Errorf("write %s: %w", dir, err)
	}
	format, err := r.format()
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", dir, err)
	}
	return writeDir(dir, outputFiles(r, format))
}

// File is one file of an output folder: its name and what writes it.
type File struct {
	Name  string
	Write func(io.Writer) error
}

// WriteFiles writes files into dir as WriteDir does: atomically, leaving
// an earlier dir as it was on any error, and refusing to replace a folder
// that holds anything but outputs of this program. Other commands use it
// for their own outputs. It returns the names written, sorted.
func WriteFiles(dir string, files []File) ([]string, error) {
	out := make([]outputFile, len(files))
	for i, f := range files {
		if !slices.Contains(knownNames(), f.Name) {
			return nil, fmt.Errorf("write %s: %q is not a known output name", dir, f.Name)
		}
		out[i] = outputFile{f.Name, f.Write}
	}
	return writeDir(dir, out)
}

// writeDir is WriteDir for a given list of files, so tests can make a
// write fail half-way.
func writeDir(dir string, files []outputFile) (names []string, err error) {
	dir = filepath.Clean(dir)
	if err := checkReplaceable(dir); err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("write %s: %w", dir, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", dir, bare(err))
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	for _, f := range files {
		if err := writeFile(filepath.Join(tmp, f.name), f.write); err != nil {
			// Named by where it was going, not by the temporary folder
			// that is about to be removed.
			return nil, fmt.Errorf("write %s: %w", filepath.Join(dir, f.name), bare(err))
		}
		names = append(names, f.name)
	}
	// MkdirTemp makes the directory private; outputs are for sharing.
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, fmt.Errorf("write %s: %w", dir, err)
	}
	if err := swapDir(tmp, dir); err != nil {
		return nil, err
	}
	slices.Sort(names)
	return names, nil
}

// writeFile creates path and fills it with write, buffered, and syncs it
// so the rename that publishes it never exposes a short file.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// bare strips the path an *fs.PathError adds, for messages that name
// the path themselves.
func bare(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// swapDir puts the finished tmp in dir's place. The old dir is moved into
// a fresh holding directory first (a rename that cannot collide), and
// moved back if the new one cannot take its place.
func swapDir(tmp, dir string) error {
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	_, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("write %s: %w", dir, err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	hold, err := os.MkdirTemp(parent, "."+base+".old-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	old := filepath.Join(hold, base)
	if err := os.Rename(dir, old); err != nil {
		os.Remove(hold)
		return fmt.Errorf("write %s: move old aside: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if rerr := os.Rename(old, dir); rerr != nil {
			return fmt.Errorf("write %s: %w (and restoring the old directory from %s failed: %v)", dir, err, old, rerr)
		}
		os.Remove(hold)
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if err := os.RemoveAll(hold); err != nil {
		return fmt.Errorf("write %s: new outputs are in place but removing the old ones failed: %w", dir, err)
	}
	return nil
}

// checkReplaceable refuses a dir that is not a directory or that holds
// anything besides files an earlier WriteDir could have written.
func checkReplaceable(dir string) error {
	info, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("write %s: exists and is not a directory", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	known := knownNames()
	for _, e := range entries {
		if !e.Type().IsRegular() || !slices.Contains(known, e.Name()) {
			return fmt.Errorf("write %s: refusing to replace a directory that holds %q, which is not an output of this program", dir, e.Name())
		}
	}
	return nil
}

// knownNames lists every file name WriteDir may write, in any format,
// and the metadata files desktops drop into folders people browse.
func knownNames() []string {
	names := []string{"timeseries.csv", "events.csv", "summary.json", "quantiles.csv", "comparison.csv", "sweep.csv",
		"validation.csv", "validation.json", "series.csv", "record.csv", "mechanisms.csv", "actions.csv", "robustness.csv",
		"fitted.set", "fit.csv", "misfit.csv", "patterns.csv", "trace.csv", "sensitivity.csv", "design.csv", "points.journal",
		".DS_Store", "Thumbs.db", "desktop.ini"}
	for _, f := range formats {
		names = append(names, "alignment."+f, "interests."+f, "comparison."+f, "response."+f, "heatmap."+f, "patterns."+f, "series."+f,
			"trace."+f, "sensitivity."+f)
	}
	return names
}
