// Package pose draws an exercise's stick figure into a text canvas of any
// size: braille cells (2×4 dots each, so lines stay continuous and the
// head round even in a small box), or plain ASCII where the terminal
// cannot show braille. The figure is fitted to the box, floor at the
// bottom; the working side of a per-side exercise is drawn in its own
// style so it can be told apart in colour, and in weight where the box is
// large enough for thick lines.
package pose

import (
	"math"
	"os"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/cooldown-app/cooldown/routines"
)

// Styles colour the three layers of a picture. The zero value draws
// without colour.
type Styles struct {
	Body lipgloss.Style // the figure
	Work lipgloss.Style // the working side of a per-side exercise
	Prop lipgloss.Style // floor, wall, chair, roller, massage gun...
}

// Options say how to draw.
type Options struct {
	ASCII  bool    // plain ASCII characters instead of braille
	Mirror bool    // the right side: the left-side drawing mirrored
	Sided  bool    // tell the working (left) side apart
	Styles *Styles // nil: no colour
}

// ASCIIOnly reports whether the environment asks for ASCII pictures: a
// locale that is not UTF-8 (LC_ALL, then LC_CTYPE, then LANG, as the C
// library reads them), or the Linux console (TERM=linux), whose font has
// no braille. NO_COLOR only removes colour; the picture stays braille.
func ASCIIOnly(getenv func(string) string) bool {
	if getenv == nil {
		getenv = os.Getenv
	}
	if getenv("TERM") == "linux" {
		return true
	}
	for _, k := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v := getenv(k); v != "" {
			v = strings.ToLower(v)
			return !strings.Contains(v, "utf-8") && !strings.Contains(v, "utf8")
		}
	}
	return false // no locale set: modern terminals are UTF-8
}

// Frame is the position a fraction f (0 to 1) of the way from the start
// to the end, eased so the movement starts and ends gently.
func Frame(p *routines.Pose, f float64) routines.Position {
	f = min(max(f, 0), 1)
	f = f * f * (3 - 2*f)
	return p.Start.Lerp(&p.End, f)
}

// layers, lowest first: a later layer draws over an earlier one.
const (
	empty uint8 = iota
	prop
	body
	work
	tool // a massage gun: on the body, so drawn over it
)

// canvas is a grid of dots, each empty or of a layer.
type canvas struct {
	w, h int
	dots []uint8
}

func newCanvas(w, h int) *canvas { return &canvas{w: w, h: h, dots: make([]uint8, w*h)} }

func (c *canvas) set(x, y int, l uint8) {
	if x >= 0 && y >= 0 && x < c.w && y < c.h && c.dots[y*c.w+x] <= l {
		c.dots[y*c.w+x] = l
	}
}

func (c *canvas) at(x, y int) uint8 { return c.dots[y*c.w+x] }

// brush sets a t×t square of dots centred on x, y.
func (c *canvas) brush(x, y, t int, l uint8) {
	o := (t - 1) / 2
	for dy := range t {
		for dx := range t {
			c.set(x-o+dx, y-o+dy, l)
		}
	}
}

// line is Bresenham's line from a to b, every dot on it brushed, so a line
// is continuous at any size and angle.
func (c *canvas) line(x0, y0, x1, y1, t int, l uint8) {
	dx, dy := abs(x1-x0), -abs(y1-y0)
	sx, sy := sign(x1-x0), sign(y1-y0)
	e := dx + dy
	for {
		c.brush(x0, y0, t, l)
		if x0 == x1 && y0 == y1 {
			return
		}
		if e2 := 2 * e; e2 >= dy {
			e += dy
			x0 += sx
		} else {
			e += dx
			y0 += sy
		}
	}
}

// circle draws a ring of radius r dots (t dots thick), or a filled disc
// when r is too small for a ring to read as one.
func (c *canvas) circle(cx, cy float64, r float64, t int, fill bool, l uint8) {
	inner := r - float64(t)
	if fill || r < 2 {
		inner = -1
	}
	x0, x1 := int(math.Floor(cx-r)), int(math.Ceil(cx+r))
	y0, y1 := int(math.Floor(cy-r)), int(math.Ceil(cy+r))
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			d := math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy)
			if d <= r && d > inner {
				c.set(x, y, l)
			}
		}
	}
}

func (c *canvas) flip() {
	for y := range c.h {
		row := c.dots[y*c.w : (y+1)*c.w]
		for i, j := 0, len(row)-1; i < j; i, j = i+1, j-1 {
			row[i], row[j] = row[j], row[i]
		}
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func sign(v int) int {
	switch {
	case v < 0:
		return -1
	case v > 0:
		return 1
	}
	return 0
}

// Sizes on the pose grid, in units (a standing adult is 16 tall).
const (
	headR     = 1.0
	rollerR   = 0.8
	ballR     = 0.5
	gunR      = 0.7 // the gun's round head
	gunLen    = 2.0 // its body, from the head toward the hand
	seatHalf  = 1.5
	chairTop  = 4.5 // the chair back above the seat
	tableW    = 3.0
	stepHalf  = 1.5
	stoolHalf = 2.0
	margin    = 0.6
)

// box is the part of the pose grid a picture shows.
type box struct{ x0, y0, x1, y1 float64 }

func (b *box) add(p routines.Point, r float64) {
	b.x0, b.x1 = min(b.x0, p.X-r), max(b.x1, p.X+r)
	b.y0, b.y1 = min(b.y0, p.Y-r), max(b.y1, p.Y+r)
}

// bounds is what every frame of the pose needs, so the figure keeps its
// size and place as it moves.
func bounds(p *routines.Pose) box {
	b := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, pos := range []*routines.Position{&p.Start, &p.End} {
		for j := range routines.NumJoints {
			if !pos.Has[j] {
				continue
			}
			r := 0.0
			switch j {
			case routines.Head:
				r = headR
			case routines.Roller:
				r = rollerR
			case routines.Ball:
				r = ballR
			case routines.Gun:
				r = gunR
			}
			b.add(pos.P[j], r)
		}
	}
	pr := p.Props
	floor := 0.0
	if pr.Floor != nil {
		floor = *pr.Floor
		b.add(routines.Point{X: b.x0, Y: floor}, 0)
	}
	if pr.Wall != nil {
		b.add(routines.Point{X: *pr.Wall, Y: floor}, 0.3)
	}
	if q := pr.Chair; q != nil {
		b.add(routines.Point{X: q.X - seatHalf, Y: q.Y + chairTop}, 0)
		b.add(routines.Point{X: q.X + seatHalf, Y: floor}, 0)
	}
	if q := pr.Table; q != nil {
		b.add(routines.Point{X: q.X - tableW, Y: q.Y}, 0)
		b.add(routines.Point{X: q.X + tableW, Y: floor}, 0)
	}
	if q := pr.Step; q != nil {
		b.add(routines.Point{X: q.X - stepHalf, Y: q.Y}, 0)
		b.add(routines.Point{X: q.X + stepHalf, Y: floor}, 0)
	}
	if q := pr.Stool; q != nil {
		b.add(routines.Point{X: q.X - stoolHalf, Y: q.Y}, 0)
		b.add(routines.Point{X: q.X + stoolHalf, Y: floor}, 0)
	}
	if r := pr.Mat; r != nil {
		b.add(routines.Point{X: r[0], Y: r[1]}, 0)
		b.add(routines.Point{X: r[2], Y: r[3]}, 0)
	}
	b.x0, b.x1, b.y1 = b.x0-margin, b.x1+margin, b.y1+margin
	if pr.Floor == nil {
		b.y0 -= margin
	}
	return b
}

// fit maps pose units to dots for a w×h dot canvas: the same scale on both
// axes, centred across, the floor at the bottom.
type fit struct {
	s, ox, oy float64
}

func fitTo(b box, w, h int, aspect float64) fit {
	bw, bh := b.x1-b.x0, b.y1-b.y0
	s := min(float64(w)/bw, float64(h)*aspect/bh)
	return fit{
		s:  s,
		ox: (float64(w)-bw*s)/2 - b.x0*s,
		oy: float64(h) - 0.5 + b.y0*s/aspect, // y grows upward on the grid, downward on screen
	}
}

func (f fit) x(v float64) float64 { return f.ox + v*f.s }

// y is for dots as tall as wide; ASCII cells are twice as tall (aspect 2).
func (f fit) y(v float64, aspect float64) float64 { return f.oy - v*f.s/aspect }

// Render draws pose p at fraction frac (0 the start, 1 the end) in a
// w×h box: exactly h lines, each w cells wide.
func Render(p *routines.Pose, frac float64, w, h int, o Options) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	pos := Frame(p, frac)
	if o.ASCII {
		return renderASCII(p, &pos, w, h, o)
	}
	c := newCanvas(2*w, 4*h)
	f := fitTo(bounds(p), c.w, c.h, 1)
	t := 1 + int(f.s/6) // thicker lines where they are long enough to carry it
	draw(c, p, &pos, f, 1, t, o.Sided)
	if o.Mirror {
		c.flip()
	}
	return brailleText(c, w, h, o.Styles)
}

// draw puts props, then the figure, then its working side on c.
func draw(c *canvas, p *routines.Pose, pos *routines.Position, f fit, aspect float64, t int, sided bool) {
	d := dotDrawing{c: c, f: f, aspect: aspect, t: t}
	d.props(p.Props, pos)
	d.figure(pos, sided)
}

// dotDrawing draws lines t dots thick onto a dot canvas, fitted by f.
type dotDrawing struct {
	c      *canvas
	f      fit
	aspect float64
	t      int
}

func (d dotDrawing) pt(q routines.Point) (int, int) {
	return int(math.Floor(d.f.x(q.X))), int(math.Floor(d.f.y(q.Y, d.aspect)))
}

func (d dotDrawing) seg(a, b routines.Point, th int, l uint8) {
	x0, y0 := d.pt(a)
	x1, y1 := d.pt(b)
	d.c.line(x0, y0, x1, y1, th, l)
}

// props draws the floor, wall, furniture, roller, ball and strap.
func (d dotDrawing) props(pr routines.Props, pos *routines.Position) {
	floor := 0.0
	if pr.Floor != nil {
		floor = *pr.Floor
		_, y := d.pt(routines.Point{Y: floor})
		d.c.line(0, y, d.c.w-1, y, d.t, prop)
	}
	if pr.Wall != nil {
		x, y := d.pt(routines.Point{X: *pr.Wall, Y: floor})
		d.c.line(x, 0, x, y, d.t, prop)
	}
	if q := pr.Chair; q != nil {
		l, r := routines.Point{X: q.X - seatHalf, Y: q.Y}, routines.Point{X: q.X + seatHalf, Y: q.Y}
		d.seg(l, r, d.t, prop)
		d.seg(l, routines.Point{X: l.X, Y: floor}, d.t, prop)
		d.seg(r, routines.Point{X: r.X, Y: floor}, d.t, prop)
		d.seg(l, routines.Point{X: l.X, Y: q.Y + chairTop}, d.t, prop)
	}
	if q := pr.Table; q != nil {
		d.seg(routines.Point{X: q.X - tableW, Y: q.Y}, routines.Point{X: q.X + tableW, Y: q.Y}, d.t, prop)
		for _, x := range []float64{q.X - tableW + 0.5, q.X + tableW - 0.5} {
			d.seg(routines.Point{X: x, Y: q.Y}, routines.Point{X: x, Y: floor}, d.t, prop)
		}
	}
	if q := pr.Step; q != nil {
		a, b := routines.Point{X: q.X - stepHalf, Y: q.Y}, routines.Point{X: q.X + stepHalf, Y: q.Y}
		d.seg(a, b, d.t, prop)
		d.seg(a, routines.Point{X: a.X, Y: floor}, d.t, prop)
		d.seg(b, routines.Point{X: b.X, Y: floor}, d.t, prop)
	}
	if q := pr.Stool; q != nil {
		l, r := routines.Point{X: q.X - stoolHalf, Y: q.Y}, routines.Point{X: q.X + stoolHalf, Y: q.Y}
		d.seg(l, r, d.t, prop)
		d.seg(l, routines.Point{X: l.X + 0.3, Y: floor}, d.t, prop)
		d.seg(r, routines.Point{X: r.X - 0.3, Y: floor}, d.t, prop)
	}
	if r := pr.Mat; r != nil {
		a, b, cc, dd := routines.Point{X: r[0], Y: r[1]}, routines.Point{X: r[2], Y: r[1]}, routines.Point{X: r[2], Y: r[3]}, routines.Point{X: r[0], Y: r[3]}
		d.seg(a, b, 1, prop)
		d.seg(b, cc, 1, prop)
		d.seg(cc, dd, 1, prop)
		d.seg(dd, a, 1, prop)
	}
	if pos.Has[routines.Roller] {
		q := pos.P[routines.Roller]
		d.c.circle(d.f.x(q.X), d.f.y(q.Y, d.aspect), rollerR*d.f.s, d.t, false, prop)
	}
	if pos.Has[routines.Ball] {
		q := pos.P[routines.Ball]
		d.c.circle(d.f.x(q.X), d.f.y(q.Y, d.aspect), ballR*d.f.s, d.t, true, prop)
	}
	if len(pr.Strap) == 2 {
		d.seg(pos.At(pr.Strap[0]), pos.At(pr.Strap[1]), max(1, d.t-1), prop)
	}
	if pos.Has[routines.Gun] {
		g, end := gunLine(pos)
		d.seg(g, end, d.t+1, tool)
		d.c.circle(d.f.x(g.X), d.f.y(g.Y, d.aspect), gunR*d.f.s, d.t, true, tool)
	}
}

// gunLine is a massage gun's body: from its head on the muscle toward the
// nearer hand, which holds it, at most gunLen long.
func gunLine(pos *routines.Position) (head, end routines.Point) {
	head = pos.P[routines.Gun]
	hand := pos.At(pos.NearerHand(head))
	dx, dy := hand.X-head.X, hand.Y-head.Y
	if d := math.Hypot(dx, dy); d > gunLen {
		return head, routines.Point{X: head.X + dx*gunLen/d, Y: head.Y + dy*gunLen/d}
	}
	return head, hand
}

// figure draws the body; the working (left) side in its own layer when
// sided.
func (d dotDrawing) figure(pos *routines.Position, sided bool) {
	at := pos.At
	limbs := func(side []routines.Joint, l uint8) {
		for i := 0; i+1 < len(side); i++ {
			if side[i+1] == routines.LeftToe || side[i+1] == routines.RightToe {
				if !pos.Has[side[i+1]] {
					continue
				}
			}
			d.seg(at(side[i]), at(side[i+1]), d.t, l)
		}
	}
	leftArm := []routines.Joint{routines.Neck, routines.LeftShoulder, routines.LeftElbow, routines.LeftHand}
	leftLeg := []routines.Joint{routines.Hip, routines.LeftHip, routines.LeftKnee, routines.LeftFoot, routines.LeftToe}
	rightArm := []routines.Joint{routines.Neck, routines.RightShoulder, routines.RightElbow, routines.RightHand}
	rightLeg := []routines.Joint{routines.Hip, routines.RightHip, routines.RightKnee, routines.RightFoot, routines.RightToe}
	side := body
	if sided {
		side = work
	}
	limbs(rightArm, body)
	limbs(rightLeg, body)
	d.seg(at(routines.Neck), at(routines.Mid), d.t, body)
	d.seg(at(routines.Mid), at(routines.Hip), d.t, body)
	// The neck runs to the edge of the head, which is a ring.
	n, hd := at(routines.Neck), at(routines.Head)
	if dist := math.Hypot(hd.X-n.X, hd.Y-n.Y); dist > headR {
		k := (dist - headR) / dist
		d.seg(n, routines.Point{X: n.X + (hd.X-n.X)*k, Y: n.Y + (hd.Y-n.Y)*k}, d.t, body)
	}
	d.c.circle(d.f.x(hd.X), d.f.y(hd.Y, d.aspect), headR*d.f.s, d.t, false, body)
	limbs(leftLeg, side)
	limbs(leftArm, side)
}

// braille dot bits by column and row within a cell.
var brailleBit = [2][4]rune{{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}}

func brailleText(c *canvas, w, h int, st *Styles) string {
	var b strings.Builder
	for row := range h {
		if row > 0 {
			b.WriteByte('\n')
		}
		var run strings.Builder
		runLayer := empty
		flush := func() {
			if run.Len() == 0 {
				return
			}
			b.WriteString(paint(st, runLayer, run.String()))
			run.Reset()
		}
		for col := range w {
			var bits rune
			top := empty
			for dx := range 2 {
				for dy := range 4 {
					if l := c.at(2*col+dx, 4*row+dy); l != empty {
						bits |= brailleBit[dx][dy]
						top = max(top, l)
					}
				}
			}
			if top != runLayer && !(bits == 0 && runLayer == empty) {
				flush()
				runLayer = top
			}
			if bits == 0 {
				run.WriteByte(' ')
			} else {
				run.WriteRune(0x2800 + bits)
			}
		}
		flush()
	}
	return b.String()
}

// paint styles a run of cells of one layer.
func paint(st *Styles, l uint8, s string) string {
	if st == nil || l == empty {
		return s
	}
	switch l {
	case prop:
		return st.Prop.Render(s)
	case work:
		return st.Work.Render(s)
	case tool:
		return st.Prop.Render(s)
	}
	return st.Body.Render(s)
}

// renderASCII draws with one character per cell, chosen by the direction
// of the line through it; cells are about twice as tall as wide.
func renderASCII(p *routines.Pose, pos *routines.Position, w, h int, o Options) string {
	const aspect = 2
	d := &asciiDrawing{c: newCanvas(w, h), f: fitTo(bounds(p), w, h, aspect), chars: make([]byte, w*h), w: w, h: h, aspect: aspect}
	for i := range d.chars {
		d.chars[i] = ' '
	}
	// Draw each layer onto the dot canvas, then give every cell of it the
	// character of the segment that set it.
	d.props(p.Props, pos)
	d.figure(pos, o)
	if o.Mirror {
		mirrorASCII(d.c, d.chars, w, h)
	}
	return d.paint(o)
}

// asciiDrawing is a figure being drawn in characters: the dot canvas holds
// each cell's layer, chars its character.
type asciiDrawing struct {
	c      *canvas
	f      fit
	chars  []byte
	w, h   int
	aspect float64
}

func (d *asciiDrawing) put(x, y int, ch byte, l uint8) {
	if x >= 0 && y >= 0 && x < d.w && y < d.h && d.c.at(x, y) <= l {
		d.c.dots[y*d.w+x] = l
		d.chars[y*d.w+x] = ch
	}
}

// mark puts the roller or ball in its cell even where a limb crosses it:
// the limb rests on it, and a cell is too coarse to show both, so without
// this a ball under a calf would not show at all.
func (d *asciiDrawing) mark(x, y int, ch byte) {
	if x >= 0 && y >= 0 && x < d.w && y < d.h {
		d.c.dots[y*d.w+x] = prop
		d.chars[y*d.w+x] = ch
	}
}

func (d *asciiDrawing) pt(q routines.Point) (float64, float64) {
	return d.f.x(q.X), d.f.y(q.Y, d.aspect)
}

// seg draws a line in the character that leans its way, or in force.
func (d *asciiDrawing) seg(a, b routines.Point, l uint8, force byte) {
	x0, y0 := d.pt(a)
	x1, y1 := d.pt(b)
	dx, dy := x1-x0, (y1-y0)*d.aspect
	ch := force
	if ch == 0 {
		switch {
		case math.Abs(dy) < 0.5*math.Abs(dx):
			ch = '-'
		case math.Abs(dx) < 0.5*math.Abs(dy):
			ch = '|'
		case (dx > 0) == (dy > 0):
			ch = '\\'
		default:
			ch = '/'
		}
	}
	n := int(math.Ceil(max(math.Abs(x1-x0), math.Abs(y1-y0)))) + 1
	for i := 0; i <= n; i++ {
		k := float64(i) / float64(n)
		d.put(int(math.Floor(x0+(x1-x0)*k)), int(math.Floor(y0+(y1-y0)*k)), ch, l)
	}
}

// props draws the floor, wall and furniture a pose uses.
func (d *asciiDrawing) props(pr routines.Props, pos *routines.Position) {
	floor := 0.0
	if pr.Floor != nil {
		floor = *pr.Floor
		d.seg(routines.Point{X: -1e3, Y: floor}, routines.Point{X: 1e3, Y: floor}, prop, '_')
	}
	if pr.Wall != nil {
		x, _ := d.pt(routines.Point{X: *pr.Wall})
		_, y := d.pt(routines.Point{Y: floor})
		for r := 0; r <= int(y); r++ {
			d.put(int(math.Floor(x)), r, '#', prop)
		}
	}
	if q := pr.Chair; q != nil {
		d.seg(routines.Point{X: q.X - seatHalf, Y: q.Y}, routines.Point{X: q.X + seatHalf, Y: q.Y}, prop, '=')
		d.seg(routines.Point{X: q.X - seatHalf, Y: q.Y + chairTop}, routines.Point{X: q.X - seatHalf, Y: floor}, prop, 'H')
		d.seg(routines.Point{X: q.X + seatHalf, Y: q.Y}, routines.Point{X: q.X + seatHalf, Y: floor}, prop, '|')
	}
	if q := pr.Table; q != nil {
		d.seg(routines.Point{X: q.X - tableW, Y: q.Y}, routines.Point{X: q.X + tableW, Y: q.Y}, prop, '=')
		d.seg(routines.Point{X: q.X - tableW + 0.5, Y: q.Y}, routines.Point{X: q.X - tableW + 0.5, Y: floor}, prop, '|')
		d.seg(routines.Point{X: q.X + tableW - 0.5, Y: q.Y}, routines.Point{X: q.X + tableW - 0.5, Y: floor}, prop, '|')
	}
	if q := pr.Step; q != nil {
		d.seg(routines.Point{X: q.X - stepHalf, Y: q.Y}, routines.Point{X: q.X + stepHalf, Y: q.Y}, prop, '=')
		d.seg(routines.Point{X: q.X - stepHalf, Y: q.Y}, routines.Point{X: q.X - stepHalf, Y: floor}, prop, '|')
		d.seg(routines.Point{X: q.X + stepHalf, Y: q.Y}, routines.Point{X: q.X + stepHalf, Y: floor}, prop, '|')
	}
	if q := pr.Stool; q != nil {
		d.seg(routines.Point{X: q.X - stoolHalf, Y: q.Y}, routines.Point{X: q.X + stoolHalf, Y: q.Y}, prop, '=')
		d.seg(routines.Point{X: q.X - stoolHalf, Y: q.Y}, routines.Point{X: q.X - stoolHalf + 0.3, Y: floor}, prop, '|')
		d.seg(routines.Point{X: q.X + stoolHalf, Y: q.Y}, routines.Point{X: q.X + stoolHalf - 0.3, Y: floor}, prop, '|')
	}
	if r := pr.Mat; r != nil {
		d.seg(routines.Point{X: r[0], Y: r[1]}, routines.Point{X: r[2], Y: r[1]}, prop, '.')
		d.seg(routines.Point{X: r[0], Y: r[3]}, routines.Point{X: r[2], Y: r[3]}, prop, '.')
		d.seg(routines.Point{X: r[0], Y: r[1]}, routines.Point{X: r[0], Y: r[3]}, prop, ':')
		d.seg(routines.Point{X: r[2], Y: r[1]}, routines.Point{X: r[2], Y: r[3]}, prop, ':')
	}
	if len(pr.Strap) == 2 {
		d.seg(pos.At(pr.Strap[0]), pos.At(pr.Strap[1]), prop, ':')
	}
}

// figure draws the body, the working side in its own layer when sided.
func (d *asciiDrawing) figure(pos *routines.Position, o Options) {
	at := pos.At
	chain := func(js []routines.Joint, l uint8) {
		for i := 0; i+1 < len(js); i++ {
			if (js[i+1] == routines.LeftToe || js[i+1] == routines.RightToe) && !pos.Has[js[i+1]] {
				continue
			}
			d.seg(at(js[i]), at(js[i+1]), l, 0)
		}
	}
	side := body
	if o.Sided {
		side = work
	}
	chain([]routines.Joint{routines.Neck, routines.RightShoulder, routines.RightElbow, routines.RightHand}, body)
	chain([]routines.Joint{routines.Hip, routines.RightHip, routines.RightKnee, routines.RightFoot, routines.RightToe}, body)
	chain([]routines.Joint{routines.Neck, routines.Mid, routines.Hip}, body)
	chain([]routines.Joint{routines.Hip, routines.LeftHip, routines.LeftKnee, routines.LeftFoot, routines.LeftToe}, side)
	chain([]routines.Joint{routines.Neck, routines.LeftShoulder, routines.LeftElbow, routines.LeftHand}, side)
	if pos.Has[routines.Roller] {
		x, y := d.pt(pos.P[routines.Roller])
		d.mark(int(x), int(y), '@')
	}
	if pos.Has[routines.Ball] {
		x, y := d.pt(pos.P[routines.Ball])
		d.mark(int(x), int(y), 'o')
	}
	if pos.Has[routines.Gun] {
		g, end := gunLine(pos)
		d.seg(g, end, tool, '=')
		x, y := d.pt(g)
		d.put(int(x), int(y), '*', tool)
	}
	// The neck runs to the edge of the head, as in braille, so the head
	// does not float apart from the body.
	n, hd := at(routines.Neck), at(routines.Head)
	if dist := math.Hypot(hd.X-n.X, hd.Y-n.Y); dist > headR {
		k := (dist - headR) / dist
		d.seg(n, routines.Point{X: n.X + (hd.X-n.X)*k, Y: n.Y + (hd.Y-n.Y)*k}, body, 0)
	}
	hx, hy := d.pt(hd)
	d.head(hx, hy, headR*d.f.s, headR*d.f.s/d.aspect)
}

// head draws the head as round as the cells allow: an outline (.-. ( )
// `-') where it is two or more rows tall, ( ) where it is one row but two
// or more cells wide, else a single O.
func (d *asciiDrawing) head(cx, cy, rx, ry float64) {
	switch {
	case ry >= 1:
		top, bot := int(math.Floor(cy-ry+0.5)), int(math.Floor(cy+ry-0.5))
		for r := top; r <= bot; r++ {
			// the row's width where it comes nearest the centre, so the
			// top and bottom rows are not pinched to a point
			dy := (min(max(cy, float64(r)), float64(r+1)) - cy) / ry
			half := rx * math.Sqrt(max(0, 1-dy*dy))
			l, rt := int(math.Floor(cx-half+0.5)), int(math.Floor(cx+half-0.5))
			if rt <= l {
				rt = l + 1
			}
			left, right, mid := byte('('), byte(')'), byte(' ')
			switch r {
			case top:
				left, right, mid = '.', '.', '-'
			case bot:
				left, right, mid = '`', '\'', '-'
			}
			d.put(l, r, left, body)
			d.put(rt, r, right, body)
			if r == top || r == bot {
				for x := l + 1; x < rt; x++ {
					d.put(x, r, mid, body)
				}
			}
		}
	case rx >= 0.8:
		l, r := int(math.Floor(cx-rx+0.5)), int(math.Floor(cx+rx-0.5))
		if r <= l {
			r = l + 1
		}
		d.put(l, int(math.Floor(cy)), '(', body)
		d.put(r, int(math.Floor(cy)), ')', body)
	default:
		d.put(int(math.Floor(cx)), int(math.Floor(cy)), 'O', body)
	}
}

// paint writes the cells row by row, each run of one layer in its style.
func (d *asciiDrawing) paint(o Options) string {
	var b strings.Builder
	for row := range d.h {
		if row > 0 {
			b.WriteByte('\n')
		}
		for col := 0; col < d.w; {
			l := d.c.at(col, row)
			end := col
			for end < d.w && d.c.at(end, row) == l {
				end++
			}
			b.WriteString(paint(o.Styles, l, string(d.chars[row*d.w+col:row*d.w+end])))
			col = end
		}
	}
	return b.String()
}

// mirrorASCII flips the cells, and the characters that lean or curve.
func mirrorASCII(c *canvas, chars []byte, w, h int) {
	swap := map[byte]byte{'/': '\\', '\\': '/', '(': ')', ')': '(', '`': '\'', '\'': '`'}
	for y := range h {
		row, ch := c.dots[y*w:(y+1)*w], chars[y*w:(y+1)*w]
		for i, j := 0, w-1; i < j; i, j = i+1, j-1 {
			row[i], row[j] = row[j], row[i]
			ch[i], ch[j] = ch[j], ch[i]
		}
		for i, b := range ch {
			if s, ok := swap[b]; ok {
				ch[i] = s
			}
		}
	}
}
