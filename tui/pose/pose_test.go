package pose

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"charm.land/lipgloss/v2"

	"github.com/cooldown-app/cooldown/routines"
)

func builtinPoses(t *testing.T) []*routines.Exercise {
	t.Helper()
	lib, err := routines.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	var out []*routines.Exercise
	for _, e := range lib.Exercises() {
		if e.Pose == nil {
			t.Fatalf("%s has no pose", e.ID)
		}
		out = append(out, e)
	}
	return out
}

// The sizes the goldens show: what the session screen gives the figure at
// 80×24, and a large box.
var goldenSizes = [][2]int{{28, 12}, {64, 30}}

// Every built-in pose, start and end, at two sizes, and in ASCII at the
// small one. Review the pictures against each exercise's cues when they
// change: each must show the position the cues describe.
func TestPoseGoldens(t *testing.T) {
	for _, e := range builtinPoses(t) {
		t.Run(e.ID, func(t *testing.T) {
			var b strings.Builder
			fmt.Fprintf(&b, "%s: %s\n", e.ID, e.Name)
			for _, c := range e.Cues {
				fmt.Fprintf(&b, "  • %s\n", c)
			}
			for _, sz := range goldenSizes {
				for _, f := range []float64{0, 1} {
					fmt.Fprintf(&b, "-- %s %d×%d\n", map[float64]string{0: "start", 1: "end"}[f], sz[0], sz[1])
					b.WriteString(frame(Render(e.Pose, f, sz[0], sz[1], Options{Sided: e.PerSide})))
				}
			}
			for _, f := range []float64{0, 1} {
				fmt.Fprintf(&b, "-- ascii %s %d×%d\n", map[float64]string{0: "start", 1: "end"}[f], 28, 12)
				b.WriteString(frame(Render(e.Pose, f, 28, 12, Options{ASCII: true, Sided: e.PerSide})))
			}
			golden.RequireEqual(t, []byte(b.String()))
		})
	}
}

// frame boxes a picture so its edges show in the golden file.
func frame(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		b.WriteString("|" + l + "|\n")
	}
	return b.String()
}

// The picture is exactly the box it is given, at every size.
func TestRenderFillsTheBox(t *testing.T) {
	for _, e := range builtinPoses(t) {
		for _, sz := range [][2]int{{1, 1}, {6, 3}, {20, 8}, {28, 12}, {64, 30}, {120, 50}} {
			for _, ascii := range []bool{false, true} {
				lines := strings.Split(Render(e.Pose, 0.5, sz[0], sz[1], Options{ASCII: ascii}), "\n")
				if len(lines) != sz[1] {
					t.Fatalf("%s %v: %d lines", e.ID, sz, len(lines))
				}
				for _, l := range lines {
					if w := lipgloss.Width(l); w != sz[0] {
						t.Fatalf("%s %v ascii=%v: line %q is %d wide", e.ID, sz, ascii, l, w)
					}
				}
			}
		}
	}
}

// Lines are continuous at every size: the figure's dots form one piece
// (8-connected), head ring and all.
func TestFigureIsOnePiece(t *testing.T) {
	for _, e := range builtinPoses(t) {
		for _, sz := range [][2]int{{16, 7}, {28, 12}, {40, 18}, {64, 30}, {100, 45}} {
			for _, f := range []float64{0, 0.37, 1} {
				c := newCanvas(2*sz[0], 4*sz[1])
				pos := Frame(e.Pose, f)
				fi := fitTo(bounds(e.Pose), c.w, c.h, 1)
				bodyOnly := *e.Pose
				bodyOnly.Props = routines.Props{}
				pos.Has[routines.Roller], pos.Has[routines.Ball] = false, false
				draw(c, &bodyOnly, &pos, fi, 1, 1+int(fi.s/6), true)
				if n := pieces(c); n != 1 {
					t.Errorf("%s at %v, frame %.2f: the figure is in %d pieces", e.ID, sz, f, n)
				}
			}
		}
	}
}

func pieces(c *canvas) int {
	seen := make([]bool, len(c.dots))
	n := 0
	for i, d := range c.dots {
		if d == empty || seen[i] {
			continue
		}
		n++
		stack := []int{i}
		seen[i] = true
		for len(stack) > 0 {
			p := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			x, y := p%c.w, p/c.w
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					nx, ny := x+dx, y+dy
					if nx < 0 || ny < 0 || nx >= c.w || ny >= c.h {
						continue
					}
					q := ny*c.w + nx
					if c.dots[q] != empty && !seen[q] {
						seen[q] = true
						stack = append(stack, q)
					}
				}
			}
		}
	}
	return n
}

// The right side is the exact mirror of the left: each row reversed, each
// braille cell's dot columns swapped (and / and \ swapped in ASCII).
func TestMirrorIsExact(t *testing.T) {
	for _, e := range builtinPoses(t) {
		for _, ascii := range []bool{false, true} {
			for _, f := range []float64{0, 0.5, 1} {
				left := Render(e.Pose, f, 28, 12, Options{ASCII: ascii, Sided: true})
				right := Render(e.Pose, f, 28, 12, Options{ASCII: ascii, Sided: true, Mirror: true})
				if want := mirrorText(left); right != want {
					t.Fatalf("%s ascii=%v f=%v: mirrored\n%s\nwant\n%s", e.ID, ascii, f, right, want)
				}
			}
		}
	}
}

func mirrorText(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		r := []rune(l)
		for a, b := 0, len(r)-1; a < b; a, b = a+1, b-1 {
			r[a], r[b] = r[b], r[a]
		}
		for k, c := range r {
			switch {
			case c == '/':
				r[k] = '\\'
			case c == '\\':
				r[k] = '/'
			case c == '(':
				r[k] = ')'
			case c == ')':
				r[k] = '('
			case c == '`':
				r[k] = '\''
			case c == '\'':
				r[k] = '`'
			case c >= 0x2800 && c <= 0x28ff:
				var out rune
				bits := c - 0x2800
				for dx := range 2 {
					for dy := range 4 {
						if bits&brailleBit[dx][dy] != 0 {
							out |= brailleBit[1-dx][dy]
						}
					}
				}
				r[k] = 0x2800 + out
			}
		}
		lines[i] = string(r)
	}
	return strings.Join(lines, "\n")
}

// The working side is drawn in its own style; without styles there is no
// escape at all.
func TestWorkingSideStyled(t *testing.T) {
	lib, err := routines.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	e, _ := lib.Exercise("standing-quad")
	st := &Styles{Body: lipgloss.NewStyle().Bold(true), Work: lipgloss.NewStyle().Underline(true), Prop: lipgloss.NewStyle().Faint(true)}
	plain := Render(e.Pose, 1, 28, 12, Options{Sided: true})
	if strings.Contains(plain, "\x1b") {
		t.Fatal("escape without styles")
	}
	styled := Render(e.Pose, 1, 28, 12, Options{Sided: true, Styles: st})
	for _, sgr := range []string{"\x1b[1m", "\x1b[4;4m", "\x1b[2m"} {
		if !strings.Contains(styled, sgr) {
			t.Errorf("no %q in the styled picture", sgr)
		}
	}
	if ansi.Strip(styled) != plain {
		t.Errorf("styles changed the picture")
	}
	unsided := Render(e.Pose, 1, 28, 12, Options{Styles: st})
	if strings.Contains(unsided, "\x1b[4;4m") {
		t.Errorf("a pose that is not per side has a working side")
	}
}

// Frame is a pure function of the fraction: 0 is the start, 1 the end,
// out-of-range fractions are clamped, and it moves one way.
func TestFrame(t *testing.T) {
	lib, err := routines.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	e, _ := lib.Exercise("standing-quad")
	p := e.Pose
	if got := Frame(p, 0); got.P != p.Start.P {
		t.Errorf("frame 0 is not the start")
	}
	if got := Frame(p, 1); got.P != p.End.P {
		t.Errorf("frame 1 is not the end")
	}
	if Frame(p, -1).P != Frame(p, 0).P || Frame(p, 2).P != Frame(p, 1).P {
		t.Errorf("fractions not clamped")
	}
	prev := p.Start.P[routines.LeftFoot].Y
	for i := 1; i <= 10; i++ {
		y := Frame(p, float64(i)/10).P[routines.LeftFoot].Y
		if y < prev {
			t.Errorf("the foot goes down at %d/10", i)
		}
		prev = y
	}
	if Render(p, 0.3, 28, 12, Options{}) != Render(p, 0.3, 28, 12, Options{}) {
		t.Errorf("the same fraction drew two pictures")
	}
}

func TestASCIIOnly(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	cases := []struct {
		env  func(string) string
		want bool
	}{
		{env(), false},
		{env("LANG", "en_US.UTF-8"), false},
		{env("LANG", "C"), true},
		{env("LC_ALL", "C", "LANG", "en_US.UTF-8"), true},
		{env("LC_CTYPE", "de_DE.utf8", "LANG", "C"), false},
		{env("TERM", "linux", "LANG", "en_US.UTF-8"), true},
		{env("NO_COLOR", "1", "LANG", "en_US.UTF-8"), false},
	}
	for i, c := range cases {
		if got := ASCIIOnly(c.env); got != c.want {
			t.Errorf("case %d: got %v", i, got)
		}
	}
}
