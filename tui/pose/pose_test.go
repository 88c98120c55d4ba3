package pose

import (
	"fmt"
	"math"
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
				pos.Has[routines.Roller], pos.Has[routines.Ball], pos.Has[routines.Gun] = false, false, false
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

// gunPose is a standing figure holding a massage gun on the front of the
// left thigh, the right hand far from it.
func gunPose(t *testing.T) *routines.Pose {
	t.Helper()
	f, err := routines.Parse("gun.yaml", []byte(`exercises:
  - id: my-gun
    name: My gun
    kind: gun
    areas: [quads]
    per_side: true
    pose:
      props: {floor: 0}
      start: {head: [0, 15.5], neck: [0, 14], hip: [0, 8],
              left-elbow: [1.2, 11.3], left-hand: [2.8, 8.8], right-elbow: [-1, 11.2], right-hand: [-1.5, 8.2],
              left-knee: [0, 4], left-foot: [0, 0], right-knee: [0, 4], right-foot: [0, 0],
              gun: [1.2, 7.2]}
      end: {gun: [1.2, 6.4], left-hand: [2.6, 8.2]}
`), "test")
	if err != nil {
		t.Fatal(err)
	}
	return f.Exercises[0].Pose
}

// A massage gun is drawn on top of the body: a round head at the gun
// point and a thick short body toward the hand that holds it, nothing
// toward the other hand; in ASCII a * head and an = body.
func TestGunDrawn(t *testing.T) {
	p := gunPose(t)
	pos := Frame(p, 0)
	c := newCanvas(128, 120)
	fi := fitTo(bounds(p), c.w, c.h, 1)
	th := 1 + int(fi.s/6)
	draw(c, p, &pos, fi, 1, th, true)
	dot := func(q routines.Point) (int, int) {
		return int(math.Floor(fi.x(q.X))), int(math.Floor(fi.y(q.Y, 1)))
	}
	count := func(x0, y0, x1, y1 int) int {
		n := 0
		for y := max(y0, 0); y <= min(y1, c.h-1); y++ {
			for x := max(x0, 0); x <= min(x1, c.w-1); x++ {
				if c.at(x, y) == tool {
					n++
				}
			}
		}
		return n
	}
	gx, gy := dot(pos.P[routines.Gun])
	r := int(gunR * fi.s)
	if n := count(gx-r, gy-r, gx+r, gy+r); n < (2*r+1)*(2*r+1)/2 {
		t.Errorf("the gun's head is %d dots around (%d, %d), want a filled disc of radius %d", n, gx, gy, r)
	}
	// Its body runs up and right toward the left hand, thicker than a limb.
	g, h := pos.P[routines.Gun], pos.P[routines.LeftHand]
	end := g.Lerp(h, gunLen/math.Hypot(h.X-g.X, h.Y-g.Y))
	ex, ey := dot(end)
	if c.at(ex, ey) != tool {
		t.Errorf("no gun body at (%d, %d), toward the holding hand", ex, ey)
	}
	mx, my := dot(pos.P[routines.Gun].Lerp(end, 0.6))
	width := 0
	for x := mx - 2*th; x <= mx+2*th; x++ {
		if c.at(x, my) == tool {
			width++
		}
	}
	if width <= th {
		t.Errorf("the gun's body is %d dots across, want thicker than a limb (%d)", width, th)
	}
	// Nothing of it beyond the hand, nor toward the right hand.
	hx, hy := dot(pos.P[routines.LeftHand])
	if n := count(hx+2*th, 0, c.w-1, hy-2*th); n > 0 {
		t.Errorf("%d gun dots past the holding hand", n)
	}
	if n := count(0, 0, gx-r-th, c.h-1); n > 0 {
		t.Errorf("%d gun dots toward the other hand", n)
	}
	// The gun moves with the pose, and is styled as a prop over the body.
	if Render(p, 0, 28, 12, Options{}) == Render(p, 1, 28, 12, Options{}) {
		t.Errorf("the gun did not move from start to end")
	}
	st := &Styles{Body: lipgloss.NewStyle().Bold(true), Work: lipgloss.NewStyle().Underline(true), Prop: lipgloss.NewStyle().Faint(true)}
	if styled := Render(p, 0, 28, 12, Options{Sided: true, Styles: st}); !strings.Contains(styled, "\x1b[2m") {
		t.Errorf("the gun is not in the prop style:\n%s", styled)
	}
	ascii := Render(p, 0, 28, 12, Options{ASCII: true})
	if !strings.Contains(ascii, "*") || !strings.Contains(ascii, "=") {
		t.Errorf("no * head and = body in ASCII:\n%s", ascii)
	}
	// The right side is the exact mirror, gun and all.
	for _, ascii := range []bool{false, true} {
		for _, f := range []float64{0, 0.5, 1} {
			left := Render(p, f, 28, 12, Options{ASCII: ascii, Sided: true})
			right := Render(p, f, 28, 12, Options{ASCII: ascii, Sided: true, Mirror: true})
			if want := mirrorText(left); right != want {
				t.Errorf("ascii=%v f=%v: mirrored\n%s\nwant\n%s", ascii, f, right, want)
			}
		}
	}
}
