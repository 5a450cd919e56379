package scenarios

import (
	"encoding"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"caspian/sim"

	"github.com/BurntSushi/toml"
)

// maxExactInt is the largest whole number a float64 holds exactly; the
// decoder refuses larger integers for decimal fields.
const maxExactInt = 1<<53 - 1

// shapeChecker compares the parsed TOML tree with the Go types of
// sim.Scenario before anything is decoded. The decoder stops at the first
// mismatch and ignores misspelt keys; this walk instead reports every
// unknown key and every wrong type in the file, each with its array index.
type shapeChecker struct {
	r *report
	// open is the chain of tables from the top level down to the one
	// being checked, to recognise a key written below the wrong header.
	open []openTable
	// mismatches counts type errors: if there are any, decoding would fail,
	// so the caller stops after reporting them.
	mismatches int
}

// openTable is a table being checked: its path and the keys it allows.
type openTable struct {
	path   string
	fields fieldList
}

// checkShape walks the whole tree and returns the number of type mismatches.
func checkShape(r *report, tree map[string]any) int {
	c := &shapeChecker{r: r}
	c.value("", tree, reflect.TypeFor[sim.Scenario]())
	return c.mismatches
}

// mismatch reports a value of the wrong type.
func (c *shapeChecker) mismatch(path, problem, hint string) {
	c.mismatches++
	c.r.add(path, problem, hint)
}

// value checks v against the Go type t.
func (c *shapeChecker) value(path string, v any, t reflect.Type) {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == reflect.TypeFor[sim.Series]():
		c.series(path, v)
		return
	case reflect.PointerTo(t).Implements(reflect.TypeFor[encoding.TextUnmarshaler]()):
		c.text(path, v, t)
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		c.table(path, v, t)
	case reflect.Slice:
		c.list(path, v, t.Elem())
	case reflect.String:
		if _, ok := v.(string); !ok {
			c.mismatch(path, "want text, got "+describe(v), quoteHint(v))
		}
	case reflect.Float64:
		c.number(path, v)
	case reflect.Int:
		if _, ok := v.(int64); !ok {
			c.mismatch(path, "want a whole number, got "+describe(v), wholeHint(v))
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			c.mismatch(path, "want true or false, got "+describe(v), "write true or false without quotes")
		}
	}
}

// table checks a TOML table against a struct type, key by key in a fixed
// order so that messages come out the same on every run.
func (c *shapeChecker) table(path string, v any, t reflect.Type) {
	m, ok := v.(map[string]any)
	if !ok {
		c.mismatch(path, "want a table, got "+describe(v), tableHint(path))
		return
	}
	fields := tomlFields(t)
	c.open = append(c.open, openTable{path, fields})
	defer func() { c.open = c.open[:len(c.open)-1] }()
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		sub := joinPath(path, k)
		f, ok := fields.find(k)
		if !ok {
			hint, misplaced := c.misplaced(k, path)
			if !misplaced {
				hint = didYouMean(k, fields.names(), "valid keys here")
			}
			c.r.add(sub, "unknown key "+quote(k), hint)
			continue
		}
		c.value(sub, m[k], f.Type)
	}
}

// list checks a TOML array against a slice type, element by element.
func (c *shapeChecker) list(path string, v any, elem reflect.Type) {
	var items []any
	switch x := v.(type) {
	case []any:
		items = x
	case []map[string]any:
		for _, m := range x {
			items = append(items, m)
		}
	default:
		c.mismatch(path, "want a list, got "+describe(v), listOfHint(v))
		return
	}
	for i, item := range items {
		c.value(indexPath(path, i+1), item, elem)
	}
}

// number accepts any finite or infinite TOML number; finiteness is a
// semantic check reported later with its own hint.
func (c *shapeChecker) number(path string, v any) {
	switch x := v.(type) {
	case float64:
		return
	case int64:
		if x > maxExactInt || x < -maxExactInt {
			c.mismatch(path, "number "+strconv.FormatInt(x, 10)+" is too large", "numbers in a scenario must be below 2^53")
		}
		return
	}
	c.mismatch(path, "want a number, got "+describe(v), numberHint(v))
}

// text checks a value decoded through UnmarshalText (dates). The decoder
// accepts strings and bare integers (a year) and prints other values
// before parsing them, which never gives a valid date.
func (c *shapeChecker) text(path string, v any, t reflect.Type) {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case int64:
		s = strconv.FormatInt(x, 10)
	case time.Time:
		c.mismatch(path, "want a date in quotes, got a TOML date", fmt.Sprintf("put the date in quotes: %q", x.Format("2006-01")))
		return
	default:
		c.mismatch(path, "want a date in quotes, got "+describe(v), dateHint)
		return
	}
	u, ok := reflect.New(t).Interface().(encoding.TextUnmarshaler)
	if !ok {
		return
	}
	if err := u.UnmarshalText([]byte(s)); err != nil {
		c.mismatch(path, err.Error(), dateHint)
		return
	}
	// A zero date means "not given" to the model, so year 0000 would be
	// taken silently as a missing date.
	if z, ok := u.(interface{ IsZero() bool }); ok && z.IsZero() {
		c.mismatch(path, "date "+strconv.Quote(s)+": the year 0000 is not a date", dateHint)
	}
}

// series checks a table of year = value. It does what Series.UnmarshalTOML
// does, in words a reader of the file understands, and reports every bad
// year rather than the first.
func (c *shapeChecker) series(path string, v any) {
	switch x := v.(type) {
	case int64:
		return // one number for every year
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			c.mismatch(path, "value must be an ordinary number, not nan or inf", "write the value as a number such as 20.1")
		}
		return
	}
	m, ok := v.(map[string]any)
	if !ok {
		c.mismatch(path, "want a table of year = value, got "+describe(v), seriesHint)
		return
	}
	before := c.mismatches
	years := make([]string, 0, len(m))
	for k := range m {
		years = append(years, k)
	}
	sort.Strings(years)
	for _, k := range years {
		y, err := strconv.Atoi(k)
		if err != nil || y < 1000 || y > 9999 {
			hint, misplaced := c.misplaced(k, path)
			if !misplaced {
				hint = seriesHint
			}
			c.mismatch(joinPath(path, k), quote(k)+" is not a four-digit year", hint)
			continue
		}
		switch x := m[k].(type) {
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				c.mismatch(path, "year "+k+": value must be an ordinary number, not nan or inf", "write the value as a number such as 20.1")
			}
		case int64:
		default:
			c.mismatch(path, "year "+k+": want a number, got "+describe(m[k]), numberHint(m[k]))
		}
	}
	// Whatever the checks above missed, the type's own decoder catches.
	var probe sim.Series
	if err := probe.UnmarshalTOML(v); err != nil && c.mismatches == before {
		c.mismatch(path, err.Error(), seriesHint)
	}
}

// namedField is a struct field with the key that names it in TOML.
type namedField struct {
	name string
	reflect.StructField
}

// fieldList is a struct's fields in declaration order.
type fieldList []namedField

// misplaced explains a key that is unknown in the table at path but valid
// in an enclosing one: in TOML every key below a [header] belongs to that
// header's table, so a key written after a sub-table header lands in the
// sub-table. It reports false if no enclosing table has the key.
func (c *shapeChecker) misplaced(key, path string) (string, bool) {
	for i := len(c.open) - 1; i >= 0; i-- {
		t := c.open[i]
		if t.path == path {
			continue
		}
		if _, ok := t.fields.find(key); !ok {
			continue
		}
		owner := "the top level"
		switch {
		case strings.HasSuffix(t.path, "]"):
			owner = "the [[" + stripIndices(t.path) + "]] entry"
		case t.path != "":
			owner = "the [" + stripIndices(t.path) + "] table"
		}
		return fmt.Sprintf("%s belongs to %s: keys below a [%s] header go into that table, so move it above the header",
			key, owner, stripIndices(path)), true
	}
	return "", false
}

// tomlFields lists the fields of a struct type under the keys the decoder
// gives them: the toml tag, or the field name when there is none.
func tomlFields(t reflect.Type) fieldList {
	if cached, ok := fieldCache.Load(t); ok {
		return cached.(fieldList)
	}
	var fields fieldList
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = f.Name
		}
		fields = append(fields, namedField{name, f})
	}
	fieldCache.Store(t, fields)
	return fields
}

// fieldCache keeps each struct type's fields, which every entry of a long
// list would otherwise work out again. Callers only read the lists.
var fieldCache sync.Map

// find returns the field written exactly as key. TOML keys are case
// sensitive, so unlike the decoder this does not fall back to a
// case-insensitive match: "Security" is reported, not silently accepted.
func (l fieldList) find(key string) (namedField, bool) {
	for _, f := range l {
		if f.name == key {
			return f, true
		}
	}
	return namedField{}, false
}

func (l fieldList) names() []string {
	names := make([]string, len(l))
	for i, f := range l {
		names[i] = f.name
	}
	return names
}

const (
	dateHint   = `write dates in quotes as "YYYY", "YYYY-Qn" or "YYYY-MM", e.g. "1994-07"`
	seriesHint = "write a table of year = value, e.g. { 1991 = 20.1, 1992 = 19.3 }"
)

// describe names a TOML value's type in plain words, with the value itself
// where it is short.
func describe(v any) string {
	switch x := v.(type) {
	case string:
		if r := []rune(x); len(r) > 30 {
			x = string(r[:27]) + "..."
		}
		return "text " + strconv.Quote(x)
	case int64:
		return "the whole number " + strconv.FormatInt(x, 10)
	case float64:
		return "the number " + strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return "a TOML date-time"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	case nil:
		return "nothing"
	}
	return fmt.Sprintf("a value of type %T", v)
}

// numberHint suggests dropping quotes around a number written as text.
func numberHint(v any) string {
	if s, ok := v.(string); ok {
		if _, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
			return "remove the quotes: " + strings.TrimSpace(s)
		}
	}
	return "write a number such as 0.5"
}

// wholeHint explains that counts take no decimal point.
func wholeHint(v any) string {
	switch x := v.(type) {
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < maxExactInt {
			return fmt.Sprintf("write %d without a decimal point", int64(x))
		}
	case string:
		if _, err := strconv.Atoi(strings.TrimSpace(x)); err == nil {
			return "remove the quotes: " + strings.TrimSpace(x)
		}
	}
	return "write a whole number such as 4"
}

// quoteHint suggests quoting a value meant as text.
func quoteHint(v any) string {
	switch x := v.(type) {
	case int64, float64, bool:
		return fmt.Sprintf(`put it in quotes: "%v"`, x)
	}
	return `write text in quotes, e.g. "AZE"`
}

// listOfHint suggests wrapping a single value in brackets.
func listOfHint(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("write a list even for one item: [%q]", x)
	case int64, float64:
		return fmt.Sprintf("write a list even for one item: [%v]", x)
	}
	return `write a list in brackets, e.g. ["AZE", "TUR"]`
}

// tableHint shows the two ways to write a table.
func tableHint(path string) string {
	if path == "" {
		return "the file must be a TOML document"
	}
	header := stripIndices(path)
	name := header
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	return fmt.Sprintf("write %q as a table: a [%s] header, or %s = { key = value }", name, header, name)
}

// stripIndices turns a field path into the table name written in a header:
// "agents[2].weights" → "agents.weights".
func stripIndices(path string) string {
	var b strings.Builder
	depth := 0
	for _, r := range path {
		switch {
		case r == '[':
			depth++
		case r == ']' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Compile-time check that Series keeps decoding through UnmarshalTOML, the
// assumption series() relies on.
var _ toml.Unmarshaler = (*sim.Series)(nil)
