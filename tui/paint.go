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
//
// Its two screens are compact cells, indices into tables of the distinct
// graphemes, styles and links (cells.go): at 120×40 they take about
// 115 KB where uv.Cells took over a megabyte, most of a session's heap.
// The frame is laid out straight into them (frameScreen), so no buffer of
// uv.Cells is kept at all.
type painter struct {
	w, h    int
	profile colorprofile.Profile
	cells   cellTable // the graphemes, styles and links of shown and next
	shown   []cell    // what the terminal shows, row by row
	next    []cell    // the frame being drawn, canonical, row by row
	row     []cell    // the row of next being drawn
	at      uv.Cell   // frameScreen.CellAt's answer
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
	p.cells = newCellTable()
	p.shown = make([]cell, w*h)
	p.next = make([]cell, w*h)
	for i := range p.shown {
		p.shown[i] = cell{glyph: placeholderGlyph} // unknown (uv.Cell{}): not even a blank
	}
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
	clear(p.shown)
}

// clearFrame starts a frame drawn in place (frameScreen, then paintFrame):
// next is all blanks. The tables are rebuilt first if they have grown too
// big.
func (p *painter) clearFrame() {
	p.cells.rebuild(p.shown)
	clear(p.next)
}

// paint writes to b what turns the terminal's screen into buf.
func (p *painter) paint(b *bytes.Buffer, buf *uv.Buffer) {
	p.cells.rebuild(p.shown)
	for y := range p.h {
		for x := range p.w {
			c := cellAt(buf, x, y)
			p.next[y*p.w+x] = p.cells.add(&c)
		}
	}
	p.paintFrame(b)
}

// paintFrame writes to b what turns the terminal's screen into the frame
// drawn into next, making its cells canonical where they are.
func (p *painter) paintFrame(b *bytes.Buffer) {
	for y := range p.h {
		p.canonRow(p.next[y*p.w : (y+1)*p.w])
		p.paintRow(b, y)
	}
}

// canonRow makes the cells of a row of next canonical, and a blank of
// every zero-width cell that is not the second half of the wide character
// before it. The layout leaves one after a tab, a control character or an
// escape sequence it does not draw (a view ending "ab\t"); the painter
// writes a zero-width cell by writing the character it belongs to, and
// with none there it stepped back and forth over it for ever.
func (p *painter) canonRow(row []cell) {
	covered := 0 // cells still covered by the last wide character
	for x := range row {
		switch w := p.cells.width(row[x]); {
		case w > 0:
			covered = w - 1
		case covered > 0:
			covered--
		default:
			row[x] = cell{}
			continue
		}
		row[x] = p.canonCell(row[x])
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

// canonCell is canon for a cell of the painter's: canon's answer for its
// style and kind of grapheme, worked out once (cellTable.canonStyle).
func (p *painter) canonCell(c cell) cell {
	if c == (cell{}) {
		return c // a blank stays one
	}
	t := &p.cells
	g := &t.glyphs[c.glyph]
	s, toSpace := t.canonStyle(p, c.style, g.kind)
	c.style = s
	if toSpace {
		c.glyph = t.glyphOf(" ", t.glyphs[c.glyph].width)
	}
	if c.link != 0 {
		c.link = t.linkOf(uv.ConvertLink(t.links[c.link], p.profile))
	}
	return c
}

// blankPen reports whether a space written with s is a plain blank.
func blankPen(s uv.Style) bool {
	return s.Bg == nil && s.Attrs&(uv.AttrReverse|uv.AttrStrikethrough) == 0 && s.Underline == uv.UnderlineStyleNone
}

func (p *painter) paintRow(b *bytes.Buffer, y int) {
	t := &p.cells
	shown := p.shown[y*p.w : (y+1)*p.w]
	next := p.next[y*p.w : (y+1)*p.w]
	p.row = next
	for x := 0; x < p.w; {
		if t.same(next[x], shown[x]) {
			x++
			continue
		}
		if t.width(next[x]) == 0 && x > 0 {
			x-- // the second half of a wide character: write the character
		}
		if p.clearsRest(x, shown) {
			p.moveOrFill(b, x, y, shown)
			if !blankPen(p.pen) {
				b.WriteString(ansi.ResetStyle)
				p.pen = uv.Style{}
			}
			b.WriteString(ansi.EraseLineRight)
			clear(shown[x:])
			return
		}
		p.moveOrFill(b, x, y, shown)
		x += p.put(b, x, shown)
	}
}

// clearsRest reports whether erasing to the end of the line is the way to
// draw the rest of the row from x: it is all blank, and more than a few of
// its cells change.
func (p *painter) clearsRest(x int, shown []cell) bool {
	changed := 0
	for i := x; i < p.w; i++ {
		c := p.row[i]
		if c != (cell{}) { // not a blank (uv.EmptyCell)
			return false
		}
		if !p.cells.same(c, shown[i]) {
			changed++
		}
	}
	return changed > 4
}

// put writes the cell at x (the cursor is there) and returns its width.
func (p *painter) put(b *bytes.Buffer, x int, shown []cell) int {
	t := &p.cells
	c := p.row[x]
	if link := &t.links[c.link]; !link.Equal(&p.link) {
		if link.IsZero() {
			b.WriteString(ansi.ResetHyperlink())
		} else {
			b.WriteString(ansi.SetHyperlink(link.URL, link.Params))
		}
		p.link = *link
	}
	pen, d := p.penFor(p.pen, c, p.nextInk(x))
	b.WriteString(d)
	p.pen = pen
	w := max(t.width(c), 1)
	if content := t.content(c); content == "" {
		b.WriteByte(' ')
	} else {
		b.WriteString(content)
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
func (p *painter) moveOrFill(b *bytes.Buffer, x, y int, shown []cell) {
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
		fill := p.scratch.Len() + len(p.penChange(p.pen, p.row[x]))
		filledPen, filledLink := p.pen, p.link
		p.pen, p.link, p.x = pen, link, cx
		if fill <= len(mv)+len(p.penChange(pen, p.row[x])) && filledLink.Equal(&link) {
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
func (p *painter) penChange(pen uv.Style, c cell) string {
	s := p.cells.style(c)
	if s.Equal(&pen) || p.cells.isBlank(c) && blankPen(pen) {
		return ""
	}
	return sgrFrom(pen, *s)
}

// penFor is the pen to write c with after pen, and the change to it. A
// blank can be written with any pen that shows no background: of a reset
// and the pen with only what shows on a blank taken off, the one that is
// cheaper counting the change to the next cell with ink (nil if none).
func (p *painter) penFor(pen uv.Style, c cell, next *cell) (uv.Style, string) {
	blank := p.cells.isBlank(c)
	if !blank || blankPen(pen) {
		if s := p.cells.style(c); !s.Equal(&pen) && !blank {
			return *s, sgrFrom(pen, *s)
		}
		return pen, ""
	}
	bare := pen
	bare.Bg, bare.UnderlineColor, bare.Underline = nil, nil, uv.UnderlineStyleNone
	bare.Attrs &^= uv.AttrReverse | uv.AttrStrikethrough
	best, bestD, bestCost := uv.Style{}, ansi.ResetStyle, -1
	for _, cand := range [...]uv.Style{{}, bare} {
		d := sgrFrom(pen, cand)
		cost := len(d)
		if next != nil {
			cost += len(p.penChange(cand, *next))
		}
		if bestCost < 0 || cost < bestCost {
			best, bestD, bestCost = cand, d, cost
		}
	}
	return best, bestD
}

// nextInk is the next cell after x on the cursor's row (or a later one)
// that will be written and is not a blank, or nil.
func (p *painter) nextInk(x int) *cell {
	return p.nextInkAfter(p.y*p.w + x)
}

// nextInkAfter is the next changed cell after i that is not a blank, or nil.
func (p *painter) nextInkAfter(i int) *cell {
	t := &p.cells
	for j := i + 1; j < len(p.next); j++ {
		if c := &p.next[j]; !t.same(*c, p.shown[j]) && !t.isBlank(*c) && t.width(*c) > 0 {
			return c
		}
	}
	return nil
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
func Floor(a, b *uv.Buffer, prof colorprofile.Profile) int {
	w, h := b.Width(), b.Height()
	// One painter holds both: a as shown, b as next; its cursor and pen
	// are the writing's.
	p := newPainter(w, h, prof)
	t := &p.cells
	for y := range h {
		for x := range w {
			ca, cb := cellAt(a, x, y), cellAt(b, x, y)
			p.shown[y*w+x] = p.canonCell(t.add(&ca))
			p.next[y*w+x] = p.canonCell(t.add(&cb))
		}
	}
	n, started := 0, false
	for i := 0; i < w*h; {
		c := p.next[i]
		if t.same(c, p.shown[i]) || t.width(c) == 0 {
			i++
			continue
		}
		x, y := i%w, i/w
		if !started {
			p.pen, p.x, p.y, started = *t.style(c), x, y, true
		}
		if p.x != x || p.y != y {
			mv := len(p.move(x, y))
			// A gap on the same row can be rewritten instead.
			if p.y == y && p.x >= 0 && p.x < x {
				fill, pen := 0, p.pen
				for j := y*w + p.x; j < i; j++ {
					var d string
					pen, d = p.penFor(pen, p.next[j], &c)
					fill += len(d) + max(len(t.content(p.next[j])), 1)
				}
				if fill+len(p.penChange(pen, c)) < mv+len(p.penChange(p.pen, c)) {
					mv, p.pen = fill, pen
				}
			}
			n += mv
		}
		var d string
		p.pen, d = p.penFor(p.pen, c, p.nextInkAfter(i))
		n += len(d) + max(len(t.content(c)), 1)
		p.x, p.y = x+max(t.width(c), 1), y
		if p.x >= w {
			p.x = -1
		}
		i += max(t.width(c), 1)
	}
	return n
}

func cellAt(b *uv.Buffer, x, y int) uv.Cell {
	if c := b.CellAt(x, y); c != nil {
		return *c
	}
	return uv.EmptyCell
}
