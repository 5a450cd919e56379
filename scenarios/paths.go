package scenarios

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// A scenario file refers to no other file: its yearly series are written
// in it. Files that refer to scenario files (an exercise's variants, a
// saved game) may name them only relative to their own folder, and never
// outside it, so that a file from a stranger cannot make the program
// read anything but what was shared with it.

// ResolveIn finds the file ref names, relative to the folder dir of the
// file that names it. It returns "" and no error when there is no such
// file (ref may then name a built-in scenario), and an error when ref is
// an absolute path, climbs out of dir with "..", or is (or passes
// through) a symbolic link that leads outside dir.
func ResolveIn(dir, ref string) (string, error) {
	if ref == "" {
		return "", errors.New("the name is empty")
	}
	if filepath.IsAbs(ref) || strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, `\`) || filepath.VolumeName(ref) != "" {
		return "", fmt.Errorf("%q is an absolute path; name a file in the same folder (or one below it), relative to it", ref)
	}
	clean := filepath.Clean(filepath.FromSlash(ref))
	if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%q leads out of the folder; name a file in the same folder (or one below it)", ref)
	}
	full := filepath.Join(dir, clean)
	if _, err := os.Lstat(full); err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			return "", nil
		}
		return "", fmt.Errorf("%q: %w", ref, err)
	}
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", fmt.Errorf("%q: %w", ref, err)
	}
	realFull, err := filepath.EvalSymlinks(full)
	if err != nil {
		return "", fmt.Errorf("%q is a link that leads nowhere", ref)
	}
	rel, err := filepath.Rel(realDir, realFull)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", fmt.Errorf("%q is a link to a file outside the folder; copy the file into the folder instead", ref)
	}
	return full, nil
}
