package sim

import (
	"reflect"
	"testing"
)

// TestKindTable checks the table of action kinds against everything that
// must agree with it: names unique, each kind's effect sizes in the field
// of the [actions] table that bears its name, every field of that table
// owned by one kind, and every kind listed in Kinds as a choice.
func TestKindTable(t *testing.T) {
	var table ActionTable
	fields := reflect.ValueOf(&table).Elem()
	owner := map[string]string{} // field name → kind
	seen := map[string]bool{}
	for k, spec := range kinds {
		if spec.name == "" || spec.effect == nil || spec.summary == "" || spec.target == NoTarget || spec.apply == nil {
			t.Fatalf("kind %d is incomplete: %+v", k, spec)
		}
		if spec.defaults == (Effect{}) {
			t.Errorf("%s has no default sizes", spec.name)
		}
		if spec.mutual != nil && !spec.bilateral {
			t.Errorf("%s is mutual but needs nobody's consent", spec.name)
		}
		if seen[spec.name] {
			t.Errorf("%s is in the table twice", spec.name)
		}
		seen[spec.name] = true
		if got, ok := kindByName(spec.name); !ok || got != kind(k) {
			t.Errorf("kindByName(%q) = %d, %v", spec.name, got, ok)
		}
		ptr := reflect.ValueOf(spec.effect(&table)).Pointer()
		found := false
		for i := range fields.NumField() {
			if fields.Field(i).Addr().Pointer() != ptr {
				continue
			}
			f := fields.Type().Field(i)
			found = true
			if tag := f.Tag.Get("toml"); tag != spec.name {
				t.Errorf("%s's effects are in actions.%s", spec.name, tag)
			}
			if o, ok := owner[f.Name]; ok {
				t.Errorf("%s and %s share the field %s", o, spec.name, f.Name)
			}
			owner[f.Name] = spec.name
		}
		if !found {
			t.Errorf("%s's effects are not a field of the [actions] table", spec.name)
		}
		info, ok := Kinds[spec.name]
		if !ok || info.Exogenous || info.Target != spec.target || info.Bilateral != spec.bilateral || info.Actor != "required" {
			t.Errorf("Kinds[%q] = %+v, %v; the table says %+v", spec.name, info, ok, spec)
		}
	}
	if len(owner) != fields.NumField() {
		t.Errorf("%d fields of the [actions] table, %d of them a kind's", fields.NumField(), len(owner))
	}
	for name, info := range Kinds {
		if _, ok := kindByName(name); ok == info.Exogenous {
			t.Errorf("%s: exogenous %v, but in the table of choices %v", name, info.Exogenous, ok)
		}
	}
}
