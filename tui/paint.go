package tui

import (
	"bytes"
	"strconv"

	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
)

// painter turns a frame of cells into the fewest bytes that make the
// terminal show it, given what the terminal shows already. It keeps its own
// copy of the terminal's cells, the pen (the style and link the next
// character is written with) and the cursor, and for every cell that
// differs it picks the cheapest way there: a cursor move (whichever of
// CUP, CHA, CUF, CUB, CR, LF is shortest) or rewriting the few unchanged
// cells in between when that is shorter; the pen changes only when the next
// cell looks different with the current one, by the shorter of an SGR diff
// and a reset.
//
// Cells are compared as they look: a space without background, reverse,
// underline or strike-through is the same blank whatever its other
// attributes (so the pen need not change to write it), and a full block is
// written as a space on its colour (one byte instead of three; the cell
// looks the same, and the pen is shared with neighbouring filled cells).
type painter struct {
	w, h    int
	profile colorprofile.Profile
	shown   []uv.Cell  // what the terminal shows, row by row
	next    []uv.Cell  // the frame being drawn, canonical, row by row
	frame   *uv.Buffer // next as a buffer to draw into (its lines share next's cells)
	row     []uv.Cell  // the row of next being drawn
	pen     uv.Style
	link    uv.Link
	x, y    int // the cursor; x < 0: after the last column (pending wrap)
	scratch bytes.Buffer
}

func newPainter(w, h int, p colorprofile.Profile) *painter {
	pt := &painter{profile: p}
	pt.resize(w, h)
	return pt
}

// resize forgets the terminal's contents: the next paint must erase first.
func (p *painter) resize(w, h int) {
	p.w, p.h = w, h
	p.shown = make([]uv.Cell, w*h)
	p.next = make([]uv.Cell, w*h)
	p.frame = &uv.Buffer{Lines: make([]uv.Line, h)}
	for y := range h {
		p.frame.Lines[y] = p.next[y*w : (y+1)*w : (y+1)*w]
	}
	p.frame.Clear()
}

// erase clears the terminal (with the pen reset, so the erased cells are
// blank) and homes the cursor.
func (p *painter) erase(b *bytes.Buffer) {
	if !p.pen.IsZero() {
		b.WriteString(ansi.ResetStyle)
		p.pen = uv.Style{}
	}
	if !p.link.IsZero() {
		b.WriteString(ansi.ResetHyperlink())
		p.link = uv.Link{}
	}
	b.WriteString("\x1b[H\x1b[2J")
	p.x, p.y = 0, 0
	for i := range p.shown {
		p.shown[i] = uv.EmptyCell
	}
}

// paint writes to b what turns the terminal's screen into buf. When buf is
// the painter's own frame (drawn into in place, which saves a screen's
// worth of cells: half a megabyte at 120×40), its cells are made canonical
// where they are.
func (p *painter) paint(b *bytes.Buffer, buf *uv.Buffer) {
	if buf != p.frame {
		for y := range p.h {
			for x := range p.w {
				p.next[y*p.w+x] = cellAt(buf, x, y)
			}
		}
	}
	for i := range p.next {
		p.next[i] = p.canon(p.next[i])
	}
	for y := range p.h {
		p.paintRow(b, y)
	}
}

// canon is the cell as it will be written: colours for the profile, full
// blocks as coloured spaces, blanks without the style that cannot show.
func (p *painter) canon(c uv.Cell) uv.Cell {
	c.Style = uv.ConvertStyle(c.Style, p.profile)
	c.Link = uv.ConvertLink(c.Link, p.profile)
	const hides = uv.AttrReverse | uv.AttrStrikethrough
	if c.Content == "█" && p.profile != colorprofile.NoTTY && c.Style.Attrs&hides == 0 && c.Style.Underline == uv.UnderlineStyleNone {
		// Reverse video rather than a background colour: the pen then
		// keeps the colour across the blanks between blocks, and turning
		// the fill on and off costs 9 bytes ("\x1b[7m", "\x1b[27m"), not 13.
		c.Content = " "
		c.Style = uv.Style{Fg: c.Style.Fg, Attrs: uv.AttrReverse}
	}
	if c.Content == " " && blankPen(c.Style) {
		c.Style = uv.Style{}
	}
	return c
}

// blankPen reports whether a space written with s is a plain blank.
func blankPen(s uv.Style) bool {
	return s.Bg == nil && s.Attrs&(uv.AttrReverse|uv.AttrStrikethrough) == 0 && s.Underline == uv.UnderlineStyleNone
}

func (p *painter) paintRow(b *bytes.Buffer, y int) {
	shown := p.shown[y*p.w : (y+1)*p.w]
	next := p.next[y*p.w : (y+1)*p.w]
	p.row = next
	for x := 0; x < p.w; {
		if next[x].Equal(&shown[x]) {
			x++
			continue
		}
		if next[x].Width == 0 && x > 0 {
			x-- // the second half of a wide character: write the character
		}
		if p.clearsRest(x, shown) {
			p.moveOrFill(b, x, y, shown)
			if !blankPen(p.pen) {
				b.WriteString(ansi.ResetStyle)
				p.pen = uv.Style{}
			}
			b.WriteString(ansi.EraseLineRight)
			for i := x; i < p.w; i++ {
				shown[i] = uv.EmptyCell
			}
			return
		}
		p.moveOrFill(b, x, y, shown)
		x += p.put(b, x, shown)
	}
}

// clearsRest reports whether erasing to the end of the line is the way to
// draw the rest of the row from x: it is all blank, and more than a few of
// its cells change.
func (p *painter) clearsRest(x int, shown []uv.Cell) bool {
	changed := 0
	for i := x; i < p.w; i++ {
		c := &p.row[i]
		if !c.Equal(&uv.EmptyCell) {
			return false
		}
		if !c.Equal(&shown[i]) {
			changed++
		}
	}
	return changed > 4
}

// put writes the cell at x (the cursor is there) and returns its width.
func (p *painter) put(b *bytes.Buffer, x int, shown []uv.Cell) int {
	c := &p.row[x]
	if !c.Link.Equal(&p.link) {
		if c.Link.IsZero() {
			b.WriteString(ansi.ResetHyperlink())
		} else {
			b.WriteString(ansi.SetHyperlink(c.Link.URL, c.Link.Params))
		}
		p.link = c.Link
	}
	pen, d := penFor(p.pen, c, p.nextInk(x))
	b.WriteString(d)
	p.pen = pen
	w := max(c.Width, 1)
	if c.Content == "" {
		b.WriteByte(' ')
	} else {
		b.WriteString(c.Content)
	}
	for i := x; i < x+w && i < p.w; i++ {
		shown[i] = p.row[i]
	}
	p.x = x + w
	if p.x >= p.w {
		p.x = -1 // pending wrap: only an absolute move is safe from here
	}
	return w
}

// moveOrFill brings the cursor to (x, y): by the shortest cursor move, or,
// on the same row, by rewriting the unchanged cells in between when that
// writes fewer bytes (counting the pen change the cell at x needs either
// way).
func (p *painter) moveOrFill(b *bytes.Buffer, x, y int, shown []uv.Cell) {
	if p.y == y && p.x == x {
		return
	}
	mv := p.move(x, y)
	if p.y == y && p.x >= 0 && p.x < x && x-p.x < len(mv)+8 {
		// Try writing the gap into the scratch buffer from a copy of the pen.
		pen, link, cx := p.pen, p.link, p.x
		p.scratch.Reset()
		for p.x < x {
			p.put(&p.scratch, p.x, shown)
		}
		fill := p.scratch.Len() + len(penChange(p.pen, &p.row[x]))
		filledPen, filledLink := p.pen, p.link
		p.pen, p.link, p.x = pen, link, cx
		if fill <= len(mv)+len(penChange(pen, &p.row[x])) && filledLink.Equal(&link) {
			b.Write(p.scratch.Bytes())
			p.pen, p.link, p.x = filledPen, filledLink, x
			return
		}
	}
	b.WriteString(mv)
	p.x, p.y = x, y
}

// penChange is the pen change writing c needs after pen: none for the
// same style, nor for a blank when the pen writes blanks.
func penChange(pen uv.Style, c *uv.Cell) string {
	if c.Style.Equal(&pen) || isBlank(c) && blankPen(pen) {
		return ""
	}
	return sgrFrom(pen, c.Style)
}

func isBlank(c *uv.Cell) bool { return c.Content == " " && c.Style.IsZero() }

// penFor is the pen to write c with after pen, and the change to it. A
// blank can be written with any pen that shows no background: of a reset
// and the pen with only what shows on a blank taken off, the one that is
// cheaper counting the change to the next cell with ink (nil if none).
func penFor(pen uv.Style, c, next *uv.Cell) (uv.Style, string) {
	if !isBlank(c) || blankPen(pen) {
		if c.Style.Equal(&pen) || isBlank(c) {
			return pen, ""
		}
		return c.Style, sgrFrom(pen, c.Style)
	}
	bare := pen
	bare.Bg, bare.UnderlineColor, bare.Underline = nil, nil, uv.UnderlineStyleNone
	bare.Attrs &^= uv.AttrReverse | uv.AttrStrikethrough
	best, bestD, bestCost := uv.Style{}, ansi.ResetStyle, -1
	for _, cand := range []uv.Style{{}, bare} {
		d := sgrFrom(pen, cand)
		cost := len(d)
		if next != nil {
			cost += len(penChange(cand, next))
		}
		if bestCost < 0 || cost < bestCost {
			best, bestD, bestCost = cand, d, cost
		}
	}
	return best, bestD
}

// nextInk is the next cell after x on the cursor's row (or a later one)
// that will be written and is not a blank, or nil.
func (p *painter) nextInk(x int) *uv.Cell {
	return nextInk(p.shown, p.next, p.y*p.w+x)
}

// sgrFrom is the shorter of the SGR diff from pen to s and a reset
// followed by s.
func sgrFrom(pen, s uv.Style) string {
	if s.IsZero() {
		return ansi.ResetStyle
	}
	full := s.String() // "\x1b[" params "m"
	reset := "\x1b[0;" + full[2:]
	if pen.IsZero() {
		return full
	}
	if d := uv.StyleDiff(&pen, &s); len(d) <= len(reset) {
		return d
	}
	return reset
}

// move is the shortest sequence that takes the cursor from where it is to
// (x, y).
func (p *painter) move(x, y int) string {
	best := cup(x, y)
	var vert string
	switch dy := y - p.y; {
	case dy == 0:
	case dy == 1:
		vert = "\n" // raw mode: a line feed keeps the column
	case dy > 1:
		vert = csi(dy, 'B')
	case dy == -1:
		vert = "\x1bM"
	default:
		vert = csi(-dy, 'A')
	}
	cands := []string{csi(x+1, 'G')}
	if x == 0 {
		cands = append(cands, "\r")
	} else {
		cands = append(cands, "\r"+csi(x, 'C'))
	}
	if p.x >= 0 {
		switch dx := x - p.x; {
		case dx == 0:
			cands = append(cands, "")
		case dx > 0:
			cands = append(cands, csi(dx, 'C'))
		case dx >= -2:
			cands = append(cands, "\b\b"[:-dx])
		default:
			cands = append(cands, csi(-dx, 'D'))
		}
	}
	for _, h := range cands {
		if s := vert + h; len(s) < len(best) {
			best = s
		}
	}
	return best
}

// csi is a cursor sequence with one count, the count left out when it is 1.
func csi(n int, final byte) string {
	if n == 1 {
		return "\x1b[" + string(final)
	}
	return "\x1b[" + strconv.Itoa(n) + string(final)
}

// cup is the absolute move to (x, y), with the parameters that are 1 left
// out.
func cup(x, y int) string {
	switch {
	case x == 0 && y == 0:
		return "\x1b[H"
	case x == 0:
		return "\x1b[" + strconv.Itoa(y+1) + "H"
	case y == 0:
		return "\x1b[;" + strconv.Itoa(x+1) + "H"
	}
	return "\x1b[" + strconv.Itoa(y+1) + ";" + strconv.Itoa(x+1) + "H"
}

// Floor is the fewest bytes that turn screen a into screen b when every
// changed cell is written in reading order: the changed cells themselves,
// the shortest cursor move to the start of each run of them (or rewriting
// the unchanged cells in between, when that is shorter) and the shortest
// pen change wherever the next cell looks different; the cursor and pen
// start at the first changed cell, free. Both screens are w×h cells, taken
// as the painter writes them (full blocks as coloured spaces and so on).
// It is the yardstick the renderer is measured against.
func Floor(a, b *uv.Buffer, p colorprofile.Profile) int {
	w, h := b.Width(), b.Height()
	pa, pb := newPainter(w, h, p), newPainter(w, h, p)
	for y := range h {
		for x := range w {
			pa.shown[y*w+x] = pa.canon(cellAt(a, x, y))
			pb.shown[y*w+x] = pb.canon(cellAt(b, x, y))
		}
	}
	n, started := 0, false
	for i := 0; i < w*h; {
		c := &pb.shown[i]
		if c.Equal(&pa.shown[i]) || c.Width == 0 {
			i++
			continue
		}
		x, y := i%w, i/w
		if !started {
			pa.pen, pa.x, pa.y, started = c.Style, x, y, true
		}
		if pa.x != x || pa.y != y {
			mv := len(pa.move(x, y))
			// A gap on the same row can be rewritten instead.
			if pa.y == y && pa.x >= 0 && pa.x < x {
				fill, pen := 0, pa.pen
				for j := y*w + pa.x; j < i; j++ {
					var d string
					pen, d = penFor(pen, &pb.shown[j], c)
					fill += len(d) + max(len(pb.shown[j].Content), 1)
				}
				if fill+len(penChange(pen, c)) < mv+len(penChange(pa.pen, c)) {
					mv, pa.pen = fill, pen
				}
			}
			n += mv
		}
		var d string
		pa.pen, d = penFor(pa.pen, c, nextInk(pa.shown, pb.shown, i))
		n += len(d) + max(len(c.Content), 1)
		pa.x, pa.y = x+max(c.Width, 1), y
		if pa.x >= w {
			pa.x = -1
		}
		i += max(c.Width, 1)
	}
	return n
}

// nextInk is the next changed cell after i that is not a blank, or nil.
func nextInk(a, b []uv.Cell, i int) *uv.Cell {
	for j := i + 1; j < len(b); j++ {
		if c := &b[j]; !c.Equal(&a[j]) && !isBlank(c) && c.Width > 0 {
			return c
		}
	}
	return nil
}

func cellAt(b *uv.Buffer, x, y int) uv.Cell {
	if c := b.CellAt(x, y); c != nil {
		return *c
	}
	return uv.EmptyCell
}
