package tui

import (
	"image/color"
	"reflect"
	"strings"

	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
)

// cell is a cell of the painter's screens in 12 bytes, where a uv.Cell
// takes 112: its grapheme (with its width), its style and its link, each an
// index into the painter's cellTable. The zero cell is the blank
// (uv.EmptyCell). The indices hold no pointers, so the collector does not
// scan the screens either.
type cell struct{ glyph, style, link uint32 }

// The glyphs every table starts with.
const (
	blankGlyph       = 0 // " ", width 1: the zero cell's
	placeholderGlyph = 1 // "", width 0: the second half of a wide character
)

// A glyph's kind says what canon may do to a cell of it.
const (
	glyphOther = iota
	glyphSpace // " "
	glyphBlock // "█"
)

// glyph is a grapheme cluster and the columns it takes.
type glyph struct {
	content string
	width   int
}

type glyphEntry struct {
	glyph
	kind uint8
}

type styleEntry struct {
	s uv.Style
	// look is the first style that looks the same (uv.Style.Equal): cells
	// compare by it, as uv.Cell.Equal does, while each cell keeps the style
	// it was drawn with, which is what is written.
	look uint32
	// canon is, by glyph kind, the style canon gives a cell of this style,
	// plus one (0: not worked out yet); toSpace says canon writes a full
	// block of this style as a space.
	canon   [3]uint32
	toSpace bool
}

// cellTable holds the distinct graphemes, styles and links of the
// painter's two screens. Styles are kept exactly as drawn (two styles
// uv.Style.Equal calls equal may still be written differently, "31" and
// "38;5;1"), so the bytes written are those the cells themselves would
// give. A table only grows; rebuild starts it again from the cells still
// in use once it has grown past its limit.
type cellTable struct {
	glyphs  []glyphEntry
	glyphIx map[glyph]uint32
	ascii   [128]uint32 // index+1 of the one-byte glyphs of width 1, found without hashing
	styles  []styleEntry
	styleIx map[uv.Style]uint32
	odd     []uint32 // styles with a colour that cannot be a map key, found by a scan
	looks   map[lookKey]uint32
	links   []uv.Link
	linkIx  map[uv.Link]uint32
	last    uint32 // the style last looked up: neighbouring cells mostly share it
	limit   int    // entries (of all three kinds) past which rebuild starts again
}

// minTableLimit is the fewest entries a table is rebuilt at: a frame of
// the app has a few dozen styles and graphemes.
const minTableLimit = 4096

func newCellTable() cellTable {
	t := cellTable{
		glyphIx: map[glyph]uint32{},
		styleIx: map[uv.Style]uint32{},
		looks:   map[lookKey]uint32{},
		linkIx:  map[uv.Link]uint32{},
		limit:   minTableLimit,
	}
	t.glyphOf(" ", 1)
	t.glyphOf("", 0)
	t.styleOf(&uv.Style{})
	t.links = append(t.links, uv.Link{})
	t.linkIx[uv.Link{}] = 0
	return t
}

// add is the cell c is in the table (nil is the blank).
func (t *cellTable) add(c *uv.Cell) cell {
	if c == nil {
		return cell{}
	}
	return cell{t.glyphOf(c.Content, c.Width), t.styleOf(&c.Style), t.linkOf(c.Link)}
}

// cell is c as a uv.Cell.
func (t *cellTable) cell(c cell) uv.Cell {
	g := &t.glyphs[c.glyph]
	return uv.Cell{Content: g.content, Width: g.width, Style: t.styles[c.style].s, Link: t.links[c.link]}
}

func (t *cellTable) width(c cell) int { return t.glyphs[c.glyph].width }

func (t *cellTable) content(c cell) string { return t.glyphs[c.glyph].content }

func (t *cellTable) style(c cell) *uv.Style { return &t.styles[c.style].s }

// same reports whether a and b look the same, as uv.Cell.Equal compares.
func (t *cellTable) same(a, b cell) bool {
	return a == b || a.glyph == b.glyph && a.link == b.link && t.styles[a.style].look == t.styles[b.style].look
}

// isBlank reports whether c is a space with no style.
func (t *cellTable) isBlank(c cell) bool {
	return c.style == 0 && t.glyphs[c.glyph].kind == glyphSpace
}

func (t *cellTable) glyphOf(s string, w int) uint32 {
	ascii := w == 1 && len(s) == 1 && s[0] < 0x80
	if ascii && t.ascii[s[0]] != 0 {
		return t.ascii[s[0]] - 1
	}
	g := glyph{s, w}
	if i, ok := t.glyphIx[g]; ok {
		return i
	}
	// A copy: the frame's content is a substring of the whole view, which
	// the table would otherwise keep alive.
	g.content = strings.Clone(s)
	kind := uint8(glyphOther)
	switch s {
	case " ":
		kind = glyphSpace
	case "█":
		kind = glyphBlock
	}
	i := uint32(len(t.glyphs))
	t.glyphs = append(t.glyphs, glyphEntry{g, kind})
	t.glyphIx[g] = i
	if ascii {
		t.ascii[s[0]] = i + 1
	}
	return i
}

func (t *cellTable) styleOf(s *uv.Style) uint32 {
	if len(t.styles) > 0 {
		if sameStyle(s, &t.styles[t.last].s) {
			return t.last
		}
		if s.IsZero() {
			return 0
		}
	}
	var i uint32
	var ok bool
	keyed := hashable(s.Fg) && hashable(s.Bg) && hashable(s.UnderlineColor)
	if keyed {
		i, ok = t.styleIx[*s]
	} else {
		for _, j := range t.odd {
			if sameStyle(s, &t.styles[j].s) {
				i, ok = j, true
				break
			}
		}
	}
	if !ok {
		i = uint32(len(t.styles))
		k := lookOf(s)
		look, seen := t.looks[k]
		if !seen {
			look = i
			t.looks[k] = i
		}
		t.styles = append(t.styles, styleEntry{s: *s, look: look})
		if keyed {
			t.styleIx[*s] = i
		} else {
			t.odd = append(t.odd, i)
		}
	}
	t.last = i
	return i
}

func (t *cellTable) linkOf(l uv.Link) uint32 {
	if l == (uv.Link{}) {
		return 0
	}
	if i, ok := t.linkIx[l]; ok {
		return i
	}
	l = uv.Link{URL: strings.Clone(l.URL), Params: strings.Clone(l.Params)}
	i := uint32(len(t.links))
	t.links = append(t.links, l)
	t.linkIx[l] = i
	return i
}

// canonStyle is the style canon gives a cell of style s and glyph kind k,
// and whether it writes the cell (a full block) as a space. It is canon's
// own answer for such a cell, worked out once per style.
func (t *cellTable) canonStyle(p *painter, s uint32, k uint8) (uint32, bool) {
	if c := t.styles[s].canon[k]; c != 0 {
		return c - 1, t.styles[s].toSpace && k == glyphBlock
	}
	content := [...]string{glyphOther: "x", glyphSpace: " ", glyphBlock: "█"}[k]
	r := p.canon(uv.Cell{Content: content, Width: 1, Style: t.styles[s].s})
	c := t.styleOf(&r.Style) // may grow t.styles: index again below
	t.styles[s].canon[k] = c + 1
	toSpace := k == glyphBlock && r.Content == " "
	if k == glyphBlock {
		t.styles[s].toSpace = toSpace
	}
	return c, toSpace
}

// size is the table's entries, of all three kinds.
func (t *cellTable) size() int { return len(t.glyphs) + len(t.styles) + len(t.links) }

// rebuild starts the table again from the cells of keep (rewritten to the
// new table) if it has grown past its limit, so a long session showing
// ever new text or colours keeps only what is on screen. The cells of any
// other screen become meaningless.
func (t *cellTable) rebuild(keep []cell) {
	if t.size() <= t.limit {
		return
	}
	n := newCellTable()
	glyphs, styles, links := make([]uint32, len(t.glyphs)), make([]uint32, len(t.styles)), make([]uint32, len(t.links))
	for i, c := range keep {
		if glyphs[c.glyph] == 0 {
			g := &t.glyphs[c.glyph]
			glyphs[c.glyph] = n.glyphOf(g.content, g.width) + 1
		}
		if styles[c.style] == 0 {
			styles[c.style] = n.styleOf(&t.styles[c.style].s) + 1
		}
		if links[c.link] == 0 {
			links[c.link] = n.linkOf(t.links[c.link]) + 1
		}
		keep[i] = cell{glyphs[c.glyph] - 1, styles[c.style] - 1, links[c.link] - 1}
	}
	n.limit = max(minTableLimit, 2*n.size())
	*t = n
}

// sameStyle reports whether a and b are the same style, written the same
// way: each colour of the same type and value.
func sameStyle(a, b *uv.Style) bool {
	return a.Attrs == b.Attrs && a.Underline == b.Underline &&
		sameColor(a.Fg, b.Fg) && sameColor(a.Bg, b.Bg) && sameColor(a.UnderlineColor, b.UnderlineColor)
}

func sameColor(a, b color.Color) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	ta := reflect.TypeOf(a)
	if ta != reflect.TypeOf(b) {
		return false
	}
	if ta.Comparable() {
		return a == b
	}
	return rgbaOf(a) == rgbaOf(b) // what a colour is written as, beyond its type
}

// hashable reports whether c can be part of a map key (comparing some
// types panics).
func hashable(c color.Color) bool { return c == nil || reflect.TypeOf(c).Comparable() }

// lookKey is a style as uv.Style.Equal compares it: colours by value.
type lookKey struct {
	fg, bg, ul rgba
	underline  uv.Underline
	attrs      uint8
}

type rgba struct {
	set        bool
	r, g, b, a uint32
}

func rgbaOf(c color.Color) rgba {
	if c == nil {
		return rgba{}
	}
	r, g, b, a := c.RGBA()
	return rgba{true, r, g, b, a}
}

func lookOf(s *uv.Style) lookKey {
	return lookKey{rgbaOf(s.Fg), rgbaOf(s.Bg), rgbaOf(s.UnderlineColor), s.Underline, s.Attrs}
}

// frameScreen is the painter's next frame as a screen to draw styled text
// on (uv.StyledString.Draw), so no buffer of uv.Cells is kept.
type frameScreen struct{ p *painter }

// Bounds is the whole frame.
func (s frameScreen) Bounds() uv.Rectangle { return uv.Rect(0, 0, s.p.w, s.p.h) }

// CellAt returns the cell at (x, y), or nil outside the frame. The cell is
// the painter's scratch copy: it is good until the next call.
func (s frameScreen) CellAt(x, y int) *uv.Cell {
	if x < 0 || y < 0 || x >= s.p.w || y >= s.p.h {
		return nil
	}
	s.p.at = s.p.cells.cell(s.p.next[y*s.p.w+x])
	return &s.p.at
}

// SetCell sets the cell at (x, y) as uv.Line.Set does: writing over part
// of a wide character blanks the rest of it, a wide character's second
// column is a placeholder, and one too wide for the row is blanks.
func (s frameScreen) SetCell(x, y int, c *uv.Cell) {
	p := s.p
	if x < 0 || y < 0 || x >= p.w || y >= p.h {
		return
	}
	t := &p.cells
	l := p.next[y*p.w : (y+1)*p.w]
	if pw := t.width(l[x]); pw > 1 {
		e := l[x]
		e.glyph = blankGlyph
		for j := 0; j < pw && x+j < p.w; j++ {
			l[x+j] = e
		}
	} else if pw == 0 {
		for j := 1; x-j >= 0; j++ {
			if ww := t.width(l[x-j]); ww > 1 && j < ww {
				e := l[x-j]
				e.glyph = blankGlyph
				for k := range ww {
					if x-j+k < p.w {
						l[x-j+k] = e
					}
				}
				break
			}
		}
	}
	if c == nil {
		l[x] = cell{}
		return
	}
	e := t.add(c)
	l[x] = e
	cw := c.Width
	if x+cw > p.w {
		e.glyph = blankGlyph
		for i := 0; i < cw && x+i < p.w; i++ {
			l[x+i] = e
		}
		return
	}
	for j := 1; j < cw && x+j < p.w; j++ {
		l[x+j] = cell{glyph: placeholderGlyph}
	}
}

// WidthMethod measures text by grapheme cluster, as the layout does
// (lipgloss); it also keeps go-runewidth's 2 MB table unbuilt.
func (frameScreen) WidthMethod() uv.WidthMethod { return ansi.GraphemeWidth }
