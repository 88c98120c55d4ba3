package tui

import (
	"errors"
	"strings"
	"testing"

	"github.com/cooldown-app/cooldown/routines"
)

// builtinLibrary is the app's own data, for the tests of adapting it.
func builtinLibrary(t *testing.T) *routines.Library {
	t.Helper()
	lib, err := routines.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// firstRun is the picker of someone who never said what they have, saving
// the answer into saved.
func firstRun(t *testing.T, w, hh int, saved *[]routines.Kit, saveErr error) *harness {
	t.Helper()
	return newHarness(t, w, hh, func(o *Options) {
		o.Kit = nil
		o.SaveKit = func(k routines.Kit) error {
			*saved = append(*saved, k)
			return saveErr
		}
	})
}

func TestKitQuestionScreens(t *testing.T) {
	eachSize(t, func(t *testing.T, w, hh int) {
		var saved []routines.Kit
		h := firstRun(t, w, hh, &saved, nil)
		t.Run("first-run", func(t *testing.T) { goldenFrame(t, h, w, hh) })
		h.key("space", "down", "down", "down", "space", "?")
		t.Run("ticked-help", func(t *testing.T) { goldenFrame(t, h, w, hh) })
	})
}

func TestKitQuestionSavesTheAnswer(t *testing.T) {
	var saved []routines.Kit
	h := firstRun(t, 80, 24, &saved, nil)
	h.requireScreen("What do you have here?", "[ ] foam roller", "[x] wall or door frame", "[x] floor space")
	h.key("space", "down", "down", "down", "space") // roller, strap
	h.requireScreen("[x] foam roller", "[x] strap, belt or towel")
	h.key("enter")
	want := routines.KitRoom.With(routines.ToolRoller).With(routines.ToolStrap)
	if len(saved) != 1 || saved[0] != want {
		t.Fatalf("saved %v, want [%v]", saved, want)
	}
	h.requireScreen("Kit saved: foam roller, strap or towel.", "How sore are you?")
	if k := h.m.c.opts.Kit; k == nil || *k != want {
		t.Fatalf("kit in effect %v", k)
	}
	h.key("enter", "s") // sore; what did you train? skipped
	h.requireScreen("Kit: foam roller, strap or towel · g changes")
	// g opens it again with the answer ticked; esc keeps it.
	h.key("g")
	h.requireScreen("[x] foam roller", "esc or q keeps foam roller")
	h.key("esc")
	h.requireScreen("Pick a routine")
	if len(saved) != 1 {
		t.Fatalf("esc saved again: %v", saved)
	}
}

func TestKitQuestionSkipped(t *testing.T) {
	var saved []routines.Kit
	h := firstRun(t, 80, 24, &saved, nil)
	h.key("space", "esc")
	h.requireScreen("How sore are you?")
	if len(saved) != 0 || h.m.c.opts.Kit != nil {
		t.Fatalf("skipping saved %v, kit %v", saved, h.m.c.opts.Kit)
	}
}

func TestKitNotSavedIsSaid(t *testing.T) {
	var saved []routines.Kit
	h := firstRun(t, 80, 24, &saved, errors.New("disk full"))
	h.key("enter")
	h.requireScreen("Kit not saved (this run only): disk full", "How sore are you?")
	if h.m.c.opts.Kit == nil {
		t.Fatal("the answer should hold for this run")
	}
}

func TestPickerAdaptsToTheKit(t *testing.T) {
	lib := builtinLibrary(t)
	h := newHarness(t, 80, 40, func(o *Options) { o.Library = lib; o.Kit = new(routines.KitRoom) })
	h.key("enter", "s") // sore, no sport: the routine list
	p := h.m.screen.(*picker)
	for i, r := range p.entries() {
		if r != nil && r.ID == "runner-cyclist-legs" {
			p.cursor = i
		}
	}
	h.key("down", "up")
	h.requireScreen("Adapted to your kit:", "Kit: no equipment · g changes")
	if strings.Contains(h.screen(), "Foam roll") {
		t.Errorf("a foam-roll step shown with no roller:\n%s", h.screen())
	}
	h.key("enter")
	rs, ok := h.m.screen.(*runScreen)
	if !ok {
		t.Fatalf("did not start: %T", h.m.screen)
	}
	for _, s := range rs.sess.Timeline().Routine.Steps {
		for _, n := range routines.NeedsOf(s) {
			if !routines.KitRoom.Meets(n) && !strings.Contains(s.Note, "No ") {
				t.Errorf("%s needs %s, which the kit lacks", s.Do, n)
			}
		}
	}
}

func TestPickerRefusesWhatTheKitCannotDo(t *testing.T) {
	lib := builtinLibrary(t)
	var none routines.Kit // no floor, no wall, no chair
	h := newHarness(t, 80, 40, func(o *Options) { o.Library = lib; o.Kit = &none })
	h.key("enter", "s")
	p := h.m.screen.(*picker)
	found := false
	for i, r := range p.entries() {
		if r != nil && p.asDone(r).err != nil {
			p.cursor, found = i, true
			break
		}
	}
	if !found {
		t.Fatal("no routine refused with nothing at all")
	}
	h.key("down", "up")
	h.requireScreen("✗ kit", "cannot be done with", "Press g to change your kit.")
	h.key("enter")
	h.requireScreen("Not with your kit (✗): press g to change it.")
	if _, ok := h.m.screen.(*picker); !ok {
		t.Fatalf("started anyway: %T", h.m.screen)
	}
}

// Why the kit was not saved is read to its end, however long the path.
func TestKitNotSavedSaysWhyInFull(t *testing.T) {
	var saved []routines.Kit
	h := firstRun(t, 80, 24, &saved, errors.New("the settings file /home/someone/.config/cooldown/config.yaml is read-only"))
	h.key("enter")
	h.requireScreen("Kit not saved (this run only): the settings file", "config.yaml is read-only", "How sore are you?")
}
