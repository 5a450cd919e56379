package cli

import (
	"io"
	"io/fs"
	"os"

	"golang.org/x/term"
)

// IsTerminal reports whether w is a terminal, where screens may be
// cleared: not a file, a pipe or a terminal that calls itself dumb.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	if err != nil {
		return false
	}
	return info.Mode()&fs.ModeCharDevice != 0 && os.Getenv("TERM") != "dumb"
}

// TerminalRows is the height of the terminal w writes to, 0 if it is not
// one or its size is unknown.
func TerminalRows(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !IsTerminal(w) {
		return 0
	}
	_, rows, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return rows
}
