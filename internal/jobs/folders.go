package jobs

import (
	"caspian/output"
	"caspian/sim"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// OutName is the folder the results go into under out/ when --out is not
// given: a built-in scenario's name, or a file's name without its
// extension, so that out/ gets one folder per scenario.
func OutName(arg, name string, sc *sim.Scenario) string {
	if info, err := os.Stat(arg); err == nil && !info.IsDir() {
		base := filepath.Base(arg)
		return strings.TrimSuffix(base, filepath.Ext(base))
	}
	// The name comes from inside the file; keep it from reaching outside out/.
	if n := sc.Name; n != "" && n != "." && n != ".." && !strings.ContainsAny(n, `/\`) {
		return n
	}
	return name
}

// CheckOut fails early on an output folder that output.WriteDir would refuse,
// so that a long ensemble is not run only to be thrown away. It is the
// lenient half of WriteDir's own check, which still has the last word:
// anything but files with the extensions of sim's outputs means the
// folder holds someone's other work.
func CheckOut(dir string) error {
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot save the results in %s: %w", dir, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("cannot save the results in %s: it is a file, not a folder (choose another folder with --out)", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("cannot save the results in %s: %w", dir, err)
	}
	for _, en := range entries {
		if !en.Type().IsRegular() || !slices.Contains(output.Extensions(), filepath.Ext(en.Name())) {
			return fmt.Errorf("cannot save the results in %s: it holds %q, which sim did not write, and sim replaces the whole folder (choose a new or empty folder with --out)", dir, en.Name())
		}
	}
	return nil
}

// Existing returns dir if it exists, for messages that say it was left
// as it was, and "" if not.
func Existing(dir string) string {
	if _, err := os.Lstat(dir); err == nil {
		return dir
	}
	return ""
}
