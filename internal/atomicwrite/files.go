package atomicwrite

import (
	"fmt"
	"os"
	"path/filepath"
)

// File is one file to write: its name within the folder and its bytes.
type File struct {
	Name string
	Data []byte
}

// All writes fs into dir, creating dir if need be, and returns their
// paths in order. Every file first goes to a hidden temporary file in
// dir; only when all are written are they renamed over their names. On a
// failure before that point the temporaries are removed and dir is left
// as it was. A rename can still fail part-way (the disk vanishing
// between two renames), which leaves some files new and the rest old but
// none partial.
func All(dir string, fs []File) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	temps := make([]string, 0, len(fs))
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	for _, f := range fs {
		// A rename cannot replace a folder: find that out before any
		// file changes.
		if info, err := os.Lstat(filepath.Join(dir, f.Name)); err == nil && info.IsDir() {
			cleanup()
			return nil, fmt.Errorf("write %s: a folder has that name", filepath.Join(dir, f.Name))
		}
		t, err := writeTemp(dir, f)
		if err != nil {
			cleanup()
			return nil, fmt.Errorf("write %s: %w", filepath.Join(dir, f.Name), err)
		}
		temps = append(temps, t)
	}
	paths := make([]string, len(fs))
	for i, f := range fs {
		paths[i] = filepath.Join(dir, f.Name)
		if err := os.Rename(temps[i], paths[i]); err != nil {
			temps = temps[i:]
			cleanup()
			return nil, fmt.Errorf("write %s: %w", paths[i], err)
		}
	}
	return paths, nil
}

// One writes one file all or nothing.
func One(path string, data []byte) error {
	_, err := All(filepath.Dir(path), []File{{filepath.Base(path), data}})
	return err
}

// writeTemp writes f into a new hidden temporary file in dir, readable
// by all as an ordinary file would be, and returns its path.
func writeTemp(dir string, f File) (string, error) {
	tf, err := os.CreateTemp(dir, "."+f.Name+".tmp-*")
	if err != nil {
		return "", err
	}
	tmp := tf.Name()
	_, err = tf.Write(f.Data)
	if cerr := tf.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err != nil {
		os.Remove(tmp)
		return "", err
	}
	return tmp, nil
}
