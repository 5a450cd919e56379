package output

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// dirContents reads every file of dir into a map.
func dirContents(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

// leftovers lists temporary or holding directories WriteDir left in parent.
func leftovers(t *testing.T, parent string) []string {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	return out
}

func sameContents(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

func TestWriteDirWritesAllFiles(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "nested", "out")
	files, err := WriteDir(dir, tinyReport())
	if err != nil {
		t.Fatal(err)
	}
	// tinyReport has two runs, so quantiles.csv is written too.
	want := []string{"alignment.png", "events.csv", "interests.png", "quantiles.csv", "summary.json", "timeseries.csv"}
	if !slices.Equal(files, want) {
		t.Fatalf("files = %v, want %v", files, want)
	}
	got := dirContents(t, dir)
	for _, f := range want {
		if len(got[f]) == 0 {
			t.Errorf("%s missing or empty", f)
		}
	}
	if info, err := os.Stat(dir); err != nil || info.Mode().Perm()&0o055 != 0o055 {
		t.Errorf("output directory not readable by others: %v %v", info.Mode(), err)
	}
	if l := leftovers(t, filepath.Dir(dir)); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
}

func TestWriteDirOverwriteAndFailure(t *testing.T) {
	tests := []struct {
		name string
		// second writes over the first output; it returns the error, if any.
		second  func(dir string) error
		wantErr bool
	}{
		{"successful overwrite replaces old files", func(dir string) error {
			r := tinyReport()
			r.Format = "svg"
			_, err := WriteDir(dir, r)
			return err
		}, false},
		{"bad format fails before anything", func(dir string) error {
			r := tinyReport()
			r.Format = "bogus"
			_, err := WriteDir(dir, r)
			return err
		}, true},
		{"bad report fails before anything", func(dir string) error {
			r := tinyReport()
			r.Runs = 5
			_, err := WriteDir(dir, r)
			return err
		}, true},
		{"failure half-way leaves the old dir", func(dir string) error {
			files := outputFiles(tinyReport(), "png")
			files = append(files[:2], outputFile{"broken.csv", func(w io.Writer) error {
				_, _ = io.WriteString(w, "partial")
				return errors.New("disk full")
			}})
			_, err := writeDir(dir, files)
			return err
		}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "out")
			if _, err := WriteDir(dir, tinyReport()); err != nil {
				t.Fatal(err)
			}
			before := dirContents(t, dir)
			err := tc.second(dir)
			if (err != nil) != tc.wantErr {
				t.Fatalf("error = %v, want error %v", err, tc.wantErr)
			}
			after := dirContents(t, dir)
			if tc.wantErr {
				if !sameContents(before, after) {
					t.Error("previous output changed")
				}
			} else {
				if _, ok := after["alignment.png"]; ok {
					t.Error("old alignment.png survived the overwrite")
				}
				if _, ok := after["alignment.svg"]; !ok {
					t.Error("new alignment.svg missing")
				}
			}
			if l := leftovers(t, parent); len(l) > 0 {
				t.Errorf("left behind: %v", l)
			}
		})
	}
}

func TestWriteDirRefusesForeignDirectories(t *testing.T) {
	tests := []struct {
		name  string
		setup func(dir string) error
	}{
		{"foreign file", func(dir string) error {
			if err := os.Mkdir(dir, 0o755); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, "thesis.docx"), []byte("precious"), 0o644)
		}},
		{"subdirectory", func(dir string) error {
			return os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
		}},
		{"not a directory", func(dir string) error {
			return os.WriteFile(dir, []byte("precious"), 0o644)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "out")
			if err := tc.setup(dir); err != nil {
				t.Fatal(err)
			}
			if _, err := WriteDir(dir, tinyReport()); err == nil {
				t.Fatal("no error")
			}
			if _, err := os.Stat(dir); err != nil {
				t.Fatalf("target damaged: %v", err)
			}
			if l := leftovers(t, parent); len(l) > 0 {
				t.Errorf("left behind: %v", l)
			}
		})
	}
}

func TestWriteDirIntoEmptyExistingDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteDir(dir, tinyReport()); err != nil {
		t.Fatal(err)
	}
}

func TestOutputsDoNotDependOnWorkers(t *testing.T) {
	a, b := tinyReport(), tinyReport()
	a.Workers, b.Workers = 1, 16
	da, db := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	if _, err := WriteDir(da, a); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteDir(db, b); err != nil {
		t.Fatal(err)
	}
	ca, cb := dirContents(t, da), dirContents(t, db)
	for name := range ca {
		if !bytes.Equal(ca[name], cb[name]) {
			t.Errorf("%s differs between worker counts", name)
		}
	}
}

// Write errors name the path that could not be written and leave no
// output, whole or partial, and no temporary folder behind.
func TestWriteDirDiskErrors(t *testing.T) {
	t.Run("a file where a folder should be", func(t *testing.T) {
		// No permission is involved, so this fails for root too.
		parent := t.TempDir()
		file := filepath.Join(parent, "notes.txt")
		if err := os.WriteFile(file, []byte("precious"), 0o644); err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(file, "out")
		_, err := WriteDir(dir, tinyReport())
		if err == nil || !strings.Contains(err.Error(), dir) || !errors.Is(err, syscall.ENOTDIR) {
			t.Fatalf("error %v, want one naming %s", err, dir)
		}
		if b, _ := os.ReadFile(file); string(b) != "precious" {
			t.Error("the file was changed")
		}
		if l := leftovers(t, parent); len(l) > 0 {
			t.Errorf("left behind: %v", l)
		}
	})
	t.Run("disk full half-way", func(t *testing.T) {
		parent := t.TempDir()
		dir := filepath.Join(parent, "out")
		if _, err := WriteDir(dir, tinyReport()); err != nil {
			t.Fatal(err)
		}
		before := dirContents(t, dir)
		files := outputFiles(tinyReport(), "png")
		files = append(files[:3], outputFile{"quantiles.csv", func(w io.Writer) error {
			// What a full disk reports, as an os.File write does.
			return &fs.PathError{Op: "write", Path: "/tmp/x", Err: syscall.ENOSPC}
		}})
		_, err := writeDir(dir, files)
		want := "write " + filepath.Join(dir, "quantiles.csv") + ": no space left on device"
		if err == nil || err.Error() != want || !errors.Is(err, syscall.ENOSPC) {
			t.Fatalf("error %v, want %q", err, want)
		}
		if !sameContents(before, dirContents(t, dir)) {
			t.Error("the previous output changed")
		}
		if l := leftovers(t, parent); len(l) > 0 {
			t.Errorf("left behind: %v", l)
		}
	})
	t.Run("read-only folder", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root writes into read-only folders; the other cases cover root")
		}
		parent := t.TempDir()
		if err := os.Chmod(parent, 0o555); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(parent, 0o755)
		dir := filepath.Join(parent, "out")
		_, err := WriteDir(dir, tinyReport())
		if err == nil || !strings.Contains(err.Error(), dir) || !errors.Is(err, fs.ErrPermission) {
			t.Fatalf("error %v, want a permission error naming %s", err, dir)
		}
		if entries, _ := os.ReadDir(parent); len(entries) > 0 {
			t.Errorf("left behind: %v", entries)
		}
	})
}
