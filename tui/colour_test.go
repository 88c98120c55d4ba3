package tui

import (
	"bytes"
	"fmt"
	"image/color"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// The backgrounds a terminal may answer the background query with; the
// app builds its palette from that answer.
var colourBackgrounds = []struct {
	name string
	bg   color.Color
}{{"dark", color.Black}, {"light", color.White}}

// colourProfile is the profile of the colour goldens. TrueColor is the
// identity (nothing is downsampled), so a golden holds exactly the bytes
// the styles produce: every colour of the palette is pinned, also the one
// light colour outside the 256-colour palette, which ANSI256 would fold
// into its nearest index together with its neighbours.
const colourProfile = colorprofile.TrueColor

// colourFrame is the current frame with its colour, for colourProfile.
func colourFrame(t *testing.T, h *harness) string {
	t.Helper()
	var b bytes.Buffer
	w := colorprofile.Writer{Forward: &b, Profile: colourProfile}
	if _, err := w.WriteString(h.m.View().Content); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// colourShot is one screen of the tour, by the name of its golden.
type colourShot struct{ name, frame string }

// colourTour visits every screen at w×h on a terminal that said its
// background is bg, as a real one answers after the first frame.
func colourTour(t *testing.T, w, hh int, bg color.Color) []colourShot {
	t.Helper()
	var shots []colourShot
	on := func(h *harness) *harness {
		h.send(tea.BackgroundColorMsg{Color: bg})
		return h
	}
	snap := func(name string, h *harness) {
		shots = append(shots, colourShot{name, colourFrame(t, h)})
	}

	h := on(newHarness(t, w, hh, nil))
	snap("picker-soreness", h)
	h.key("enter")
	snap("picker-trained", h)
	h.key("s", "down") // sore, skipped; the test routine highlighted, with its preview
	snap("picker-routines", h)

	h = on(newHarness(t, w, hh, func(o *Options) { o.Kit = nil }))
	h.key("space") // first run: what do you have? (a roller ticked)
	snap("kit-question", h)

	h = on(newHarness(t, w, hh, nil))
	h.key("enter", "enter") // sore, after a run: its routines first, marked
	snap("picker-routines-after-run", h)

	h = on(newHarness(t, w, hh, nil))
	h.key("down", "enter") // very sore: the check card
	snap("very-sore-card", h)

	h = on(newHarness(t, w, hh, nil))
	h.key("enter", "s", "enter", "left", "left", "down") // the planner, 10 min
	h.key("down", "down", "down", "down", "down", "down", "space")
	snap("planner-form", h)
	h.key("enter")
	snap("planner-plan", h)

	h = on(startRoutine(t, w, hh, nil))
	snap("get-ready", h)
	h.advance(5*time.Second + 20*time.Second + 5*time.Second + 12*time.Second) // quad, left, 18 s left
	snap("hold-figure", h)
	h.advance(18 * time.Second)
	snap("switch-sides", h)
	h.key("space")
	snap("paused", h)
	h.key("q")
	snap("quit-dialog", h)
	h.key("n", "?")
	snap("help", h)

	shots = append(shots, colourHold(t, w, hh, bg, "hold-body-map", FigureBodyMap))

	h = on(breathHarness(t, w, hh, nil, nil))
	h.advance(5*time.Second + 2*time.Second) // 2 s into the first breath in
	snap("breathing", h)

	h = on(fileHarness(t, w, hh, mobilityYAML, "loosen-test", nil, nil))
	h.advance(5*time.Second + 12*time.Second) // cat-cow, rep 3 of 8
	snap("mobility", h)

	h = on(fileHarness(t, w, hh, gunYAML, "gun-test", nil, nil))
	h.advance(10*time.Second + 5*time.Second + 12*time.Second) // the gun on the left calf, 33 s left
	snap("massage-gun", h)

	h = on(startRoutine(t, w, hh, nil))
	h.advance(time.Hour)
	h.key("4")
	snap("summary", h)
	return shots
}

// colourFigures is the hold of the quad stretch, left side, with the stick
// figure and with the body map: the working side in its own colour.
func colourFigures(t *testing.T, w, hh int, bg color.Color) []colourShot {
	t.Helper()
	return []colourShot{
		colourHold(t, w, hh, bg, "hold-figure", FigurePose),
		colourHold(t, w, hh, bg, "hold-body-map", FigureBodyMap),
	}
}

// colourHold is the quad stretch, left side, 18 s left, with figure f.
func colourHold(t *testing.T, w, hh int, bg color.Color, name string, f Figure) colourShot {
	t.Helper()
	h := startRoutine(t, w, hh, func(o *Options) { o.Figure = f })
	h.send(tea.BackgroundColorMsg{Color: bg})
	h.advance(5*time.Second + 20*time.Second + 5*time.Second + 12*time.Second)
	return colourShot{name, colourFrame(t, h)}
}

// Every screen with its colours, on a dark and on a light background: a
// palette change shows as a golden diff. The two palettes must differ on
// every screen while the text stays the same.
func TestColourScreens(t *testing.T) {
	eachSize(t, func(t *testing.T, w, hh int) { colourGoldens(t, w, hh, colourTour) })
	// The body map needs 100×22; the figure is wider there too.
	t.Run("100x24", func(t *testing.T) { colourGoldens(t, 100, 24, colourFigures) })
}

// colourGoldens checks the screens tour gives at w×h, on each background,
// against their goldens, and the two backgrounds against each other.
func colourGoldens(t *testing.T, w, hh int, tour func(*testing.T, int, int, color.Color) []colourShot) {
	tours := map[string][]colourShot{}
	for _, b := range colourBackgrounds {
		tours[b.name] = tour(t, w, hh, b.bg)
		t.Run(b.name, func(t *testing.T) {
			for _, s := range tours[b.name] {
				t.Run(s.name, func(t *testing.T) {
					checkFrame(t, ansi.Strip(s.frame), w, hh)
					if !strings.Contains(s.frame, "\x1b[") {
						t.Fatal("the frame has no styling at all")
					}
					golden.RequireEqual(t, []byte(s.frame))
				})
			}
		})
	}
	dark, light := tours["dark"], tours["light"]
	if len(dark) != len(light) {
		t.Fatalf("%d dark screens, %d light", len(dark), len(light))
	}
	for i := range dark {
		if dark[i].frame == light[i].frame {
			t.Errorf("%s: the light frame is the dark frame", dark[i].name)
		}
		if ansi.Strip(dark[i].frame) != ansi.Strip(light[i].frame) {
			t.Errorf("%s: the text differs between the backgrounds", dark[i].name)
		}
	}
}

// With NO_COLOR set, what the renderer writes for every screen, on either
// background, has no colour at all (bold and the like may stay).
func TestColourNoColor(t *testing.T) {
	profile := colorprofile.Env([]string{"TERM=xterm-256color", "COLORTERM=truecolor", "NO_COLOR=1"})
	if profile > colorprofile.Ascii {
		t.Fatalf("NO_COLOR gave the profile %v", profile)
	}
	const w, hh = 80, 24
	for _, b := range colourBackgrounds {
		t.Run(b.name, func(t *testing.T) {
			for _, s := range colourTour(t, w, hh, b.bg) {
				out := paintFrame(s.frame, w, hh, profile)
				if c := colourSGR(out); c != "" {
					t.Errorf("%s: NO_COLOR output has the colour code %q", s.name, c)
				}
				if !strings.Contains(ansi.Strip(out), strings.Fields(ansi.Strip(s.frame))[0]) {
					t.Errorf("%s: the text is missing: %q", s.name, out)
				}
				// The same screen at full colour does have colour: the check can fail.
				if colourSGR(paintFrame(s.frame, w, hh, colorprofile.TrueColor)) == "" {
					t.Errorf("%s: no colour code found even at full colour", s.name)
				}
			}
		})
	}
}

// paintFrame is what the renderer writes to draw frame on a fresh w×h
// terminal of profile p.
func paintFrame(frame string, w, h int, p colorprofile.Profile) string {
	cells := uv.NewScreenBuffer(w, h)
	cells.Method = ansi.GraphemeWidth
	uv.NewStyledString(frame).Draw(cells, cells.Bounds())
	var b bytes.Buffer
	pt := newPainter(w, h, p)
	pt.erase(&b)
	pt.paint(&b, cells.Buffer)
	return b.String()
}

var sgrRE = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// colourSGR returns the first SGR sequence in s that sets or resets a
// colour (foreground, background, underline colour), or "".
func colourSGR(s string) string {
	for _, m := range sgrRE.FindAllStringSubmatch(s, -1) {
		for _, f := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' || r == ':' }) {
			n, err := strconv.Atoi(f)
			if err != nil {
				return fmt.Sprintf("%q (unreadable)", m[0])
			}
			if n >= 30 && n <= 49 || n == 58 || n == 59 || n >= 90 && n <= 107 {
				return m[0]
			}
		}
	}
	return ""
}

// gunYAML is a routine of one massage-gun step, the built-in gun-calves.
const gunYAML = `routines:
  - id: gun-test
    name: Gun test
    soreness: [sore]
    steps:
      - do: gun-calves
        for: 45s
        note: Lowest speed, light touch; glide around the hotspots, never over bone.
`
