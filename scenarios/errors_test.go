package scenarios

import (
	"errors"
	"testing"
)

func TestErrorFormat(t *testing.T) {
	cases := []struct {
		err  Error
		want string
	}{
		{Error{File: "a.toml", Line: 3, Col: 7, Field: "x.y", Problem: "bad", Hint: "fix it"}, "a.toml:3:7: x.y: bad (fix it)"},
		{Error{File: "a.toml", Line: 3, Field: "x.y", Problem: "bad", Hint: "fix it"}, "a.toml:3: x.y: bad (fix it)"},
		{Error{File: "a.toml", Field: "x.y", Problem: "bad", Hint: "fix it"}, "a.toml: x.y: bad (fix it)"},
		{Error{File: "a.toml", Line: 3, Problem: "bad"}, "a.toml:3: bad"},
		{Error{File: "a.toml", Col: 4, Problem: "bad"}, "a.toml: bad"},
		{Error{Problem: "bad", Hint: "fix it"}, "bad (fix it)"},
		{Error{Line: 3, Col: 2, Field: "x", Problem: "bad"}, "line 3:2: x: bad"},
	}
	for _, c := range cases {
		if got := c.err.Error(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

func TestErrorListSortedByLine(t *testing.T) {
	list := ErrorList{
		{File: "f", Line: 9, Problem: "c"},
		{File: "f", Line: 2, Col: 5, Problem: "b"},
		nil,
		{File: "f", Problem: "a"},
		{File: "f", Line: 2, Col: 1, Problem: "a2"},
	}
	want := "f: a\nf:2:1: a2\nf:2:5: b\nf:9: c"
	if got := list.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	var e *Error
	if !errors.As(error(list), &e) || e.Problem != "c" {
		t.Errorf("errors.As should find the first *Error, got %v", e)
	}
}

func TestReportNilWhenClean(t *testing.T) {
	r := &report{file: "f", lines: LineIndex{}}
	if err := r.err(); err != nil {
		t.Fatalf("want nil, got %v", err)
	}
}
