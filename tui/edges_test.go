package tui

import (
	"fmt"
	"image/color"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/session"
)

// The picker's minutes are the routine's total with the person's gaps,
// the same number the session and `cooldown list` give.
func TestPickerMinutesUseTheUserTiming(t *testing.T) {
	slow := routines.Timing{GetReady: 60 * time.Second, Switch: 30 * time.Second}
	h := newHarness(t, 80, 24, func(o *Options) {
		o.Session.Timing = slow // get_ready: 60s, switch_gap: 30s
	})
	h.key("enter", "s")
	r, err := h.m.c.opts.Library.Routine("test-routine")
	if err != nil {
		t.Fatal(err)
	}
	zero, def := routines.Minutes(r.Total(slow)), routines.Minutes(r.Total(routines.DefaultTiming()))
	if zero == def {
		t.Fatalf("the test routine's minutes (%d) do not depend on the gaps", zero)
	}
	for _, l := range strings.Split(h.screen(), "\n") {
		if strings.Contains(l, "Test routine") && strings.Contains(l, " min") {
			if !strings.Contains(l, fmt.Sprintf("%3d min", zero)) {
				t.Fatalf("picker row %q, want %d min", l, zero)
			}
			return
		}
	}
	t.Fatalf("no picker row for the test routine:\n%s", h.screen())
}

// `s` on a plan built on screen saves it through Options.SavePlan and says
// where and how to run it again; a second `s` does not save twice.
func TestPlannerSaves(t *testing.T) {
	var saved []*routines.Routine
	h := newHarness(t, 80, 24, func(o *Options) {
		o.SavePlan = func(r *routines.Routine, req routines.PlanRequest, notes []string) (string, error) {
			if req.Minutes != 12 {
				t.Errorf("saved a request of %d minutes, want 12", req.Minutes)
			}
			saved = append(saved, r)
			return "~/.config/cooldown/routines/" + r.ID + ".yaml", nil
		}
	})
	h.key("enter", "s", "enter") // sore, skip, then "build one for today"
	h.requireScreen("Build one for today")
	if strings.Contains(h.screen(), "s save") {
		t.Fatal("the form offers saving before there is a plan")
	}
	h.key("enter")
	h.requireScreen("s save")
	h.key("s")
	h.requireScreen("Saved in ~/.config/cooldown/routines/plan-12m-sore-full-body.yaml", "start plan-12m-sore-full-body` runs it again")
	h.key("s")
	if len(saved) != 1 {
		t.Fatalf("saved %d times, want once", len(saved))
	}
	if strings.Contains(h.screen(), "s save") {
		t.Error("still offers saving once saved")
	}
}

// digitRows counts the rows of the big countdown on a frame without the
// body map: rows of full blocks that are not the progress bar.
func digitRows(frame string) int {
	n := 0
	for _, l := range strings.Split(frame, "\n") {
		if strings.ContainsAny(l, "█▀▄") && !strings.Contains(l, "░") && !strings.Contains(l, "──") {
			n++
		}
	}
	return n
}

// The README's screen sizes hold at their edges, measured on the whole
// window (the frame and help line do not eat into them): the body map from
// 100×22, digits double from 34 rows, three-row digits below 20 rows.
func TestScreenSizeThresholds(t *testing.T) {
	at := func(w, hh int) string {
		// The body map's and the digits' thresholds; the stick figure's
		// are in TestFigureSizes.
		h := startRoutine(t, w, hh, func(o *Options) { o.Figure = FigureBodyMap })
		h.advance(5*time.Second + 20*time.Second + 5*time.Second + 2*time.Second) // quad stretch, left
		frame := h.screen()
		checkFrame(t, frame, w, hh)
		return frame
	}
	hasMap := func(f string) bool { return strings.Contains(f, "front") && strings.Contains(f, "back") }
	for _, c := range []struct {
		w, h int
		want bool
	}{{100, 22, true}, {99, 22, false}, {100, 21, false}, {120, 40, true}} {
		f := at(c.w, c.h)
		if hasMap(f) != c.want {
			t.Errorf("%d×%d: body map shown %v, want %v:\n%s", c.w, c.h, hasMap(f), c.want, f)
		}
		if c.want && !strings.Contains(f, "hips, quads") {
			t.Errorf("%d×%d: the body map is cut (no area caption):\n%s", c.w, c.h, f)
		}
	}
	for _, c := range []struct{ w, h, rows int }{
		{80, 34, 10}, {80, 33, 5}, {HugeDigitsWidth, 34, 10}, {HugeDigitsWidth - 1, 34, 5},
		{80, 20, 5}, {80, 19, 3}, {40, 12, 3},
	} {
		if got := digitRows(at(c.w, c.h)); got != c.rows {
			t.Errorf("%d×%d: digits %d rows tall, want %d:\n%s", c.w, c.h, got, c.rows, at(c.w, c.h))
		}
	}
}

// q, y ends on the summary, as a finished session does: what was done,
// the time, the areas and the rating question.
func TestQuitShowsTheSummary(t *testing.T) {
	eachSize(t, func(t *testing.T, w, hh int) {
		h := startRoutine(t, w, hh, nil)
		h.advance(5*time.Second + 20*time.Second + 5*time.Second + 10*time.Second) // walk done, 10 s into the quad stretch
		h.key("q", "y")
		if _, ok := h.m.screen.(*summaryScreen); !ok {
			t.Fatalf("not on the summary: %T", h.m.screen)
		}
		if w >= 80 {
			h.requireScreen("Session ended early.", "1 done, 0 skipped of 3", "How do you feel now?")
		}
		goldenFrame(t, h, w, hh)
		h.key("3", "enter")
		res := h.m.Result()
		if !h.quit || res.Outcome != OutcomeQuit || res.Rating != 3 || res.NotStarted || res.Interrupted {
			t.Fatalf("quit %v, result %+v", h.quit, res)
		}
	})
}

// Leaving in the first get-ready is not a session: the program ends at
// once and the result says there is nothing to record, whether by q, y,
// ctrl+c or a signal. Once the first hold has begun, it is a session.
func TestQuitInTheFirstGetReady(t *testing.T) {
	for _, keys := range [][]string{{"q", "y"}, {"ctrl+c"}} {
		h := startRoutine(t, 80, 24, nil)
		h.advance(3 * time.Second)
		h.key(keys...)
		if res := h.m.Result(); !h.quit || !res.NotStarted {
			t.Errorf("%v in the first get-ready: quit %v, result %+v", keys, h.quit, res)
		}
	}
	h := startRoutine(t, 80, 24, nil)
	h.advance(3 * time.Second)
	h.send(SignalMsg{})
	if res := h.m.Result(); !h.quit || !res.NotStarted {
		t.Errorf("a signal in the first get-ready: result %+v", res)
	}
	h = startRoutine(t, 80, 24, nil)
	h.advance(6 * time.Second)
	h.key("ctrl+c")
	if res := h.m.Result(); res.NotStarted {
		t.Error("a session whose first hold had begun counts as not started")
	}
	h = startRoutine(t, 80, 24, nil)
	h.key("n", "n", "q", "y") // the first step skipped: a session, if an empty one
	if res := h.m.Result(); res.NotStarted {
		t.Error("a session with a skipped step counts as not started")
	}
}

// A session where every step was skipped does not ask how you feel or
// give refuel advice: there was nothing to recover from.
func TestAllSkippedSummary(t *testing.T) {
	h := startRoutine(t, 80, 24, nil)
	h.key("n", "n", "n", "n", "n", "n")
	if _, ok := h.m.screen.(*summaryScreen); !ok {
		t.Fatalf("not on the summary: %T", h.m.screen)
	}
	h.requireScreen("Every step was skipped", "0 done, 3 skipped of 3")
	for _, no := range []string{"How do you feel", "water", "protein", "carbohydrate", "sleep"} {
		if strings.Contains(h.screen(), no) {
			t.Errorf("the summary of an all-skipped session says %q:\n%s", no, h.screen())
		}
	}
	h.key("4")
	if h.m.Result().Rating != 0 {
		t.Error("a rating was taken for an all-skipped session")
	}
	goldenFrame(t, h, 80, 24)
}

// The header and its rule span the window at every width, the body map's
// included: the step counter sits at the right edge.
func TestHeaderSpansTheWidth(t *testing.T) {
	for _, w := range []int{80, 100, 120, 160} {
		h := startRoutine(t, w, 30, nil)
		h.advance(8 * time.Second)
		lines := strings.Split(h.screen(), "\n")
		if got := len([]rune(strings.TrimRight(lines[0], " "))); got != w-1 || !strings.HasSuffix(lines[0], " left") {
			t.Errorf("%d columns: header %d wide, want %d: %q", w, got, w-1, lines[0])
		}
		if got := strings.Count(lines[1], "─"); got != w-2 {
			t.Errorf("%d columns: rule %d wide, want %d", w, got, w-2)
		}
	}
}

// theme: light or dark forces the palette whatever the terminal answers.
func TestThemeSettingForcesThePalette(t *testing.T) {
	for _, c := range []struct {
		theme    string
		reported color.Color
		dark     bool
	}{{"light", color.Black, false}, {"dark", color.White, true}, {"auto", color.White, false}, {"auto", color.Black, true}} {
		h := startRoutine(t, 80, 24, func(o *Options) { o.Theme = c.theme })
		h.send(tea.BackgroundColorMsg{Color: c.reported})
		if h.m.c.styles.IsDark != c.dark {
			t.Errorf("theme %s, terminal background %v: dark palette %v, want %v", c.theme, c.reported, h.m.c.styles.IsDark, c.dark)
		}
	}
}

// The ? overlay pauses the timer, as the quit question does, and closing
// it carries on; a session paused before stays paused.
func TestHelpOverlayPauses(t *testing.T) {
	h := startRoutine(t, 80, 24, nil)
	h.advance(8 * time.Second)
	left := h.sess().Remaining(h.now)
	h.key("?")
	if h.sess().State() != session.Paused {
		t.Fatalf("the help is up and the session is %v", h.sess().State())
	}
	h.advance(time.Minute)
	if got := h.sess().Remaining(h.now); got != left {
		t.Fatalf("the clock ran behind the help: %v left, was %v", got, left)
	}
	h.key("?")
	if h.sess().State() != session.Running {
		t.Fatalf("closing the help left the session %v", h.sess().State())
	}
	h.key("space", "?", "?")
	if h.sess().State() != session.Paused {
		t.Fatal("closing the help resumed a session the person had paused")
	}
}

// With --no-auto, the waiting screen says "Next:" once: the bottom line
// names the step after; the middle names the step about to start.
func TestWaitingScreenOneNextLine(t *testing.T) {
	h := startRoutine(t, 80, 24, func(o *Options) { o.Session.AutoAdvance = false })
	h.advance(25 * time.Second)
	if st := h.sess().State(); st != session.Waiting {
		t.Fatalf("state %v, want waiting", st)
	}
	if n := strings.Count(h.screen(), "Next:"); n != 1 {
		t.Fatalf("%d Next: lines, want 1:\n%s", n, h.screen())
	}
	h.requireScreen("Standing quad stretch · 2 × 30 s each side", "Next: Drink some water")
}

// The picker says when the list goes on past the window.
func TestPickerSaysMoreBelow(t *testing.T) {
	h := newHarness(t, 80, 16, nil)
	h.key("enter", "s")
	h.requireScreen("more below")
	for range 30 {
		h.key("down")
	}
	h.requireScreen("more above")
}

// Every key the README lists for a session is one the session answers to:
// each is pressed and must match one of the session's bindings.
func TestReadmeSessionKeys(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	i := strings.Index(text, "Keys in a session:")
	if i < 0 {
		t.Fatal("the README lists no session keys")
	}
	para := text[i : i+strings.Index(text[i:], "\n\n")]
	k := DefaultKeyMap().Session
	var all []key.Binding
	for _, row := range k.FullHelp() {
		all = append(all, row...)
	}
	names := map[string]string{"→": "right", "←": "left"}
	n := 0
	for _, m := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(para, -1) {
		if strings.Contains(m[1], " ") {
			continue // a command (`kill -TSTP`), not a key
		}
		for _, name := range strings.Split(m[1], "/") {
			if v, ok := names[name]; ok {
				name = v
			}
			n++
			if !slices.ContainsFunc(all, func(b key.Binding) bool { return key.Matches(keyPress(name), b) }) {
				t.Errorf("the README's session key %q is not a session key", name)
			}
		}
	}
	if n < 10 {
		t.Errorf("only %d keys found in the README's list", n)
	}
}

// On the session screen a warning wraps under the header instead of being
// cut at 80 columns, at most two lines, and the frame keeps its size.
func TestSessionWarningWraps(t *testing.T) {
	long := "Skipped 2 routine files with problems (also-bad.yml and broken.yaml); `cooldown validate` shows them."
	for _, sz := range []struct{ w, h int }{{80, 24}, {120, 40}, {40, 12}} {
		h := startRoutine(t, sz.w, sz.h, func(o *Options) { o.Warnings = []string{long} })
		h.advance(8 * time.Second)
		frame := h.screen()
		checkFrame(t, frame, sz.w, sz.h)
		if sz.w == 80 && !strings.Contains(frame, "`cooldown validate` shows them.") {
			t.Errorf("%d×%d: the warning is cut:\n%s", sz.w, sz.h, frame)
		}
		if !strings.Contains(frame, "! Skipped 2 routine files") {
			t.Errorf("%d×%d: no warning:\n%s", sz.w, sz.h, frame)
		}
	}
}

// The README's screen sizes are the layout's own thresholds (each is
// tested at its edge in TestScreenSizeThresholds).
func TestReadmeScreenSizes(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ToLower(strings.Join(strings.Fields(string(readme)), " "))
	for _, want := range []string{
		fmt.Sprintf("on a window of %d×%d or more a body map", BodyMapMinWidth, BodyMapMinHeight),
		fmt.Sprintf("at %d rows or more (and %d columns", HugeDigitsHeight, HugeDigitsWidth),
		fmt.Sprintf("from %d×%d a stick figure", PoseMinWidth, PoseMinHeight),
		fmt.Sprintf("below %d rows they shrink to three rows", SmallDigitsBelow),
		fmt.Sprintf("below %d×%d the app asks for a larger window", MinWidth, MinHeight),
	} {
		if !strings.Contains(text, strings.ToLower(want)) {
			t.Errorf("the README does not say %q", want)
		}
	}
}
