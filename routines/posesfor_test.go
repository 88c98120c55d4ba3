package routines

import (
	"maps"
	"reflect"
	"slices"
	"testing"
)

// Parsing only some poses gives those poses exactly as the whole file does.
func TestBuiltinPosesFor(t *testing.T) {
	all, err := BuiltinPoses()
	if err != nil {
		t.Fatal(err)
	}
	ids := slices.Sorted(maps.Keys(all))
	if len(ids) < 3 {
		t.Fatalf("only %d built-in poses", len(ids))
	}
	pick := []string{ids[0], ids[len(ids)/2], ids[len(ids)-1], "no-such-exercise"}
	some, err := BuiltinPosesFor(pick)
	if err != nil {
		t.Fatal(err)
	}
	if len(some) != 3 {
		t.Fatalf("got %d poses for %v, want 3", len(some), pick)
	}
	for _, id := range pick[:3] {
		if some[id] == nil || !reflect.DeepEqual(some[id], all[id]) {
			t.Errorf("pose %q parsed alone differs from the whole file's", id)
		}
	}
	every, err := BuiltinPosesFor(ids)
	if err != nil || len(every) != len(all) {
		t.Fatalf("all ids: %d poses, %v; want %d", len(every), err, len(all))
	}
	none, err := BuiltinPosesFor(nil)
	if err != nil || len(none) != 0 {
		t.Fatalf("no ids: %d poses, %v", len(none), err)
	}
}
