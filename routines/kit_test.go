package routines

import (
	"strings"
	"testing"
)

func TestParseKit(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Kit
		list string
	}{
		{"all", KitAll, "all"},
		{"none", KitRoom, "none"},
		{"roller", KitRoom.With(ToolRoller), "roller"},
		{"Roller, towel", KitRoom.With(ToolRoller).With(ToolStrap), "roller,strap"},
		{"gun,no-floor", KitRoom.With(ToolGun).Without(ToolFloor), "gun,no-floor"},
		{"none,no-floor,no-wall", 0, "no-floor,no-wall"},
		{"massage-ball,support", KitRoom.With(ToolBall), "ball"},
	} {
		got, err := ParseKit([]string{c.in})
		if err != nil {
			t.Fatalf("%q: %v", c.in, err)
		}
		if got != c.want || got.String() != c.list {
			t.Errorf("%q: got %v (%s), want %v (%s)", c.in, got, got.String(), c.want, c.list)
		}
		back, err := ParseKit(got.List())
		if err != nil || back != got {
			t.Errorf("%q: List %v does not read back (%v, %v)", c.in, got.List(), back, err)
		}
	}
	for _, c := range []struct{ in, msg string }{
		{"", "name your kit"},
		{"rolller", `did you mean "roller"`},
		{"all,roller", "give it alone"},
		{"none,gun", "cannot go with a tool"},
		{"no-roller", "leave roller out"},
		{"laser", "unknown kit"},
	} {
		_, err := ParseKit([]string{c.in})
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%q: got %v, want an error containing %q", c.in, err, c.msg)
		}
	}
}

func TestParseNeed(t *testing.T) {
	n, err := ParseNeed("floor or chair")
	if err != nil || n.String() != "floor or chair" || !KitRoom.Meets(n) || KitRoom.Without(ToolFloor).Meets(n) {
		t.Fatalf("got %v, %v", n, err)
	}
	if _, err := ParseNeed("floor|floor"); err == nil {
		t.Error("a tool named twice should be refused")
	}
}
