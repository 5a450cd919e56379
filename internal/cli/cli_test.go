package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestParseArgs(t *testing.T) {
	tests := []struct {
		args    []string
		pos     []string
		seed    uint64
		out     string
		quiet   bool
		wantErr string
	}{
		{args: []string{"a", "--seed", "4", "b"}, pos: []string{"a", "b"}, seed: 4},
		{args: []string{"--seed=5", "--out", "x"}, seed: 5, out: "x"},
		{args: []string{"-out=y", "a"}, pos: []string{"a"}, seed: 1, out: "y"},
		{args: []string{"--", "--seed", "3"}, pos: []string{"--seed", "3"}, seed: 1},
		{args: []string{"-"}, pos: []string{"-"}, seed: 1},
		{args: []string{"--out", "--seed"}, seed: 1, out: "--seed"},
		{args: []string{"--quiet", "a"}, pos: []string{"a"}, seed: 1, quiet: true},
		{args: []string{"--sede", "2"}, wantErr: "unknown flag --sede; did you mean --seed?"},
		{args: []string{"--nope"}, wantErr: "unknown flag --nope; the flags of 'prog cmd' are --help, --out, --quiet, --seed"},
		{args: []string{"--seed=x"}, wantErr: `--seed: "x" is not a whole number (0 or more)`},
		{args: []string{"--out"}, wantErr: "--out needs a value: --out DIR"},
		{args: []string{"---x"}, wantErr: `"---x" is not a valid flag`},
		{args: []string{"--nope", "-h"}, wantErr: "help requested"},
	}
	for _, tt := range tests {
		fs := NewFlagSet("prog cmd")
		seed := fs.Uint64("seed", 1, "random seed `N`")
		out := fs.String("out", "", "save in `DIR`")
		quiet := fs.Bool("quiet", false, "say less")
		pos, err := ParseArgs("cmd", fs, tt.args)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%v: error %v, want %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%v: error %v", tt.args, err)
			continue
		}
		if !reflect.DeepEqual(pos, tt.pos) || *seed != tt.seed || *out != tt.out || *quiet != tt.quiet {
			t.Errorf("%v: got %q, seed %d, out %q, quiet %v; want %q, %d, %q, %v", tt.args, pos, *seed, *out, *quiet, tt.pos, tt.seed, tt.out, tt.quiet)
		}
	}
}

func TestWrap(t *testing.T) {
	tests := []struct{ text, want string }{
		{"one two three\nfour\n\nfive", "one two\nthree\nfour\n\nfive"},
		{"type 'sim run x' now", "type\n'sim run x'\nnow"},
		{"it's 'a' b", "it's 'a'\nb"},
	}
	for _, tt := range tests {
		if got := Wrap(tt.text, 9); got != tt.want {
			t.Errorf("Wrap(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// A program with one command that fails in each of the ways a command
// can, to check the exit status and the words of each.
func TestProgramRun(t *testing.T) {
	var p *Program
	p = &Program{Name: "prog", FileCommand: "open", FileNoun: "data file",
		Overview: func(w io.Writer) { fmt.Fprintln(w, "prog does things") },
		Commands: func() []*Command {
			return []*Command{{Name: "open", Summary: "open a file", About: "Opens a file.",
				Flags: func() *flag.FlagSet { return NewFlagSet("prog open") },
				Exec: func(e *Env, args []string) error {
					pos, err := ParseArgs("open", NewFlagSet("prog open"), args)
					switch {
					case err != nil:
						return err
					case len(pos) == 0:
						return Usagef("open", "open needs a file")
					case pos[0] == "quiet":
						fmt.Fprintln(e.Err, "prog: said so already")
						return Reported{Code: 3}
					case pos[0] == "bad":
						return errors.New("it went wrong")
					case pos[0] == "panic":
						panic("boom")
					}
					fmt.Fprintln(e.Out, "opened", pos[0])
					return nil
				}}}
		}}
	tests := []struct {
		args     []string
		code     int
		out, err string
	}{
		{nil, ExitUsage, "", "prog does things"},
		{[]string{"--help"}, ExitOK, "prog does things", ""},
		{[]string{"open", "x"}, ExitOK, "opened x", ""},
		{[]string{"open", "-h"}, ExitOK, "Usage:\n  prog open\n\nOpens a file.", ""},
		{[]string{"open"}, ExitUsage, "", "prog: open needs a file\nRun 'prog help open' to see how to use it."},
		{[]string{"open", "quiet"}, 3, "", "prog: said so already\n"},
		{[]string{"open", "bad"}, ExitError, "", "prog: it went wrong\n"},
		{[]string{"open", "panic"}, ExitError, "", "prog: internal error: boom\nprog: this is a bug in prog"},
		{[]string{"opne"}, ExitUsage, "", `unknown command "opne"; did you mean "open"?`},
		{[]string{"x.toml"}, ExitUsage, "", `to open a data file, type 'prog open x.toml'`},
		{[]string{"--seed"}, ExitUsage, "", "flags go after the command"},
	}
	for _, tt := range tests {
		var out, errs bytes.Buffer
		code := p.Run(tt.args, &out, &errs)
		if code != tt.code || !strings.Contains(out.String(), tt.out) || !strings.Contains(errs.String(), tt.err) {
			t.Errorf("%v: exit %d, out %q, err %q; want %d, %q, %q", tt.args, code, out.String(), errs.String(), tt.code, tt.out, tt.err)
		}
	}
}

// A repeated flag keeps every value in order, and a value parse refuses
// is shown with parse's own words.
func TestRepeated(t *testing.T) {
	var got []int
	fs := NewFlagSet("prog sum")
	Repeated(fs, &got, "n", "add `N`", func(v string) (int, error) {
		if v == "x" {
			return 0, errors.New(`"x" is not a number of apples`)
		}
		return len(v), nil
	})
	if _, err := ParseArgs("sum", fs, []string{"--n", "aa", "--n=a", "--n", "aaa"}); err != nil {
		t.Fatal(err)
	}
	if want := []int{2, 1, 3}; !slices.Equal(got, want) {
		t.Errorf("values %v, want %v", got, want)
	}
	if s := fs.Lookup("n").Value.String(); s != "2 1 3" {
		t.Errorf("String() = %q", s)
	}
	_, err := ParseArgs("sum", fs, []string{"--n", "x"})
	if err == nil || !strings.Contains(err.Error(), `--n "x" is not a number of apples`) {
		t.Errorf("a refused value: %v", err)
	}
}

func TestNoArgs(t *testing.T) {
	if err := NoArgs("list", NewFlagSet("prog list"), nil); err != nil {
		t.Errorf("no arguments: %v", err)
	}
	err := NoArgs("list", NewFlagSet("prog list"), []string{"extra"})
	if err == nil || !strings.Contains(err.Error(), `list takes no arguments, but got "extra"`) {
		t.Errorf("an argument: %v", err)
	}
}
