package scenarios

import (
	"strconv"
	"strings"
)

// Error messages and warnings are found on the field paths the checks
// build, which count list entries by place ("agents[1].threat_response").
// A user reads and types entries by name ("agents.AZE.threat_response"),
// as --set, --param and exercise files write them, so every path shown
// is rewritten into that notation once the problems are known.

// displayPath rewrites a path that counts list entries by place into the
// notation users type: an entry of an id list by its id
// ("agents.AZE"), any other entry by the id, agent, label or pair that
// selects it ("patrons[RUS]", "events[Crimea annexed]",
// "culture[AZE,RUS]"). An entry that no name selects uniquely keeps its
// place, which --set accepts too. The result names the same value:
// applySet resolves it to path again.
func displayPath(tree map[string]any, path string) string {
	segs, err := splitPath(path)
	if err != nil {
		return path
	}
	var out []string
	table := tree
	for i, seg := range segs {
		if table == nil || seg.index == 0 || seg.sel != "" {
			out = append(out, rawSegment(seg))
			table = subTable(table, seg)
			continue
		}
		list := tableList(table[seg.key])
		if list == nil || seg.index > len(list) {
			// A list of values (a sphere, a yearly series): the rest of
			// the path is left as it is.
			for _, s := range segs[i:] {
				out = append(out, rawSegment(s))
			}
			break
		}
		out = append(out, entryName(list, seg))
		table = list[seg.index-1]
	}
	return strings.Join(out, ".")
}

// entryName names entry seg.index of list as displayPath describes.
func entryName(list []map[string]any, seg segment) string {
	m := list[seg.index-1]
	str := func(k string) string { v, _ := m[k].(string); return v }
	if _, byID := idLists[seg.key]; byID {
		if id := str("id"); plainName(id) && firstWith(list, "id", id) == seg.index {
			return seg.key + "." + id
		}
	}
	var sel string
	switch {
	case str("id") != "":
		sel = str("id")
	case str("agent") != "":
		sel = str("agent")
	case str("label") != "":
		sel = str("label")
	case str("a") != "" && str("b") != "":
		sel = str("a") + "," + str("b")
	}
	if selectable(sel) {
		if n, err := selectEntry(list, segment{key: seg.key, sel: sel}); err == nil && n == seg.index {
			return seg.key + "[" + sel + "]"
		}
	}
	return rawSegment(seg)
}

// plainName reports whether an id can stand as a path segment of its own.
func plainName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// selectable reports whether a name can stand in brackets: not empty, no
// brackets, and not a number (which would count by place).
func selectable(s string) bool {
	if strings.TrimSpace(s) != s || s == "" || strings.ContainsAny(s, "[]") {
		return false
	}
	_, err := strconv.Atoi(s)
	return err != nil
}

// firstWith returns the 1-based place of the first entry whose key k is v.
func firstWith(list []map[string]any, k, v string) int {
	for n, m := range list {
		if s, _ := m[k].(string); s == v {
			return n + 1
		}
	}
	return 0
}

// rawSegment writes a segment back as splitPath read it.
func rawSegment(seg segment) string {
	switch {
	case seg.index > 0:
		return indexPath(seg.key, seg.index)
	case seg.sel != "":
		return seg.key + "[" + seg.sel + "]"
	}
	return seg.key
}

// subTable returns the table at seg in table, or nil.
func subTable(table map[string]any, seg segment) map[string]any {
	if table == nil || seg.index > 0 || seg.sel != "" {
		return nil
	}
	m, _ := table[seg.key].(map[string]any)
	return m
}

// tableList returns v as a list of tables, or nil if it is not one.
func tableList(v any) []map[string]any {
	switch l := v.(type) {
	case []map[string]any:
		return l
	case []any:
		out := make([]map[string]any, 0, len(l))
		for _, x := range l {
			m, ok := x.(map[string]any)
			if !ok {
				return nil
			}
			out = append(out, m)
		}
		return out
	}
	return nil
}

// nameFields rewrites the field path of every problem into the notation
// users type.
func nameFields(tree map[string]any, err error) error {
	list, ok := err.(ErrorList)
	if !ok {
		return err
	}
	for _, e := range list {
		if e != nil && e.Field != "" && !e.typed {
			e.Field = displayPath(tree, e.Field)
		}
	}
	return list
}
