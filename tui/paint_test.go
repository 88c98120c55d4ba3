package tui

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
)

// cellsOf lays content out in w×h cells, as the Terminal does.
func cellsOf(content string, w, h int) *uv.Buffer {
	scr := uv.NewScreenBuffer(w, h)
	scr.Method = ansi.GraphemeWidth
	uv.NewStyledString(content).Draw(scr, scr.Bounds())
	return scr.Buffer
}

// paintScreen is a painter drawing on an emulated terminal.
type paintScreen struct {
	t   *testing.T
	w   int
	h   int
	em  *vt.Emulator
	p   *painter
	buf bytes.Buffer
	cur *uv.Buffer // the frame on screen
}

func newPaintScreen(t *testing.T, w, h int) *paintScreen {
	em := vt.NewEmulator(w, h)
	em.SetCallbacks(vt.Callbacks{})
	s := &paintScreen{t: t, w: w, h: h, em: em, p: newPainter(w, h, colorprofile.TrueColor), cur: uv.NewBuffer(w, h)}
	s.p.erase(&s.buf)
	s.flush()
	return s
}

func (s *paintScreen) flush() int {
	n := s.buf.Len()
	if _, err := s.em.Write(s.buf.Bytes()); err != nil {
		s.t.Fatal(err)
	}
	s.buf.Reset()
	return n
}

// draw paints content and returns the bytes written, after checking the
// emulated screen shows it, cell for cell.
func (s *paintScreen) draw(content string) int {
	s.t.Helper()
	next := cellsOf(content, s.w, s.h)
	s.p.paint(&s.buf, next)
	out := s.buf.String()
	n := s.flush()
	for y := range s.h {
		for x := range s.w {
			want, got := s.p.canon(cellAt(next, x, y)), uv.EmptyCell
			if c := s.em.CellAt(x, y); c != nil {
				got = *c
			}
			got = s.p.canon(got)
			if !sameLook(&want, &got) {
				s.t.Fatalf("cell %d,%d is %q %+v on screen, want %q %+v\nwritten: %q\nframe:\n%s", x, y, got.Content, got.Style, want.Content, want.Style, out, content)
			}
		}
	}
	s.cur = next
	return n
}

// sameLook compares cells as they show (the emulator keeps the second half
// of a wide character as its own kind of cell).
func sameLook(a, b *uv.Cell) bool {
	if a.Width == 0 || b.Width == 0 {
		return a.Width == b.Width
	}
	return a.Content == b.Content && a.Width == b.Width && a.Style.Equal(&b.Style) && a.Link.Equal(&b.Link)
}

// Random frames and random edits between them: the emulated screen always
// shows the frame, cell for cell and colour for colour.
func TestPainterRandomFrames(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	styles := []lipgloss.Style{
		lipgloss.NewStyle(),
		lipgloss.NewStyle().Foreground(lipgloss.Color("#5FD7AF")),
		lipgloss.NewStyle().Foreground(lipgloss.Color("212")),
		lipgloss.NewStyle().Foreground(lipgloss.Color("3")).Bold(true),
		lipgloss.NewStyle().Background(lipgloss.Color("#303030")),
		lipgloss.NewStyle().Faint(true).Italic(true),
		lipgloss.NewStyle().Underline(true).Foreground(lipgloss.Color("#FFAF5F")),
		lipgloss.NewStyle().Reverse(true),
	}
	texts := []string{"hold", " ", "   ", "██", "█", "░░░", "日本", "·", "ab", "25", "é", "━━"}
	for _, size := range [][2]int{{12, 4}, {30, 8}, {80, 24}} {
		w, h := size[0], size[1]
		s := newPaintScreen(t, w, h)
		lines := make([]string, h)
		for frame := range 300 {
			for range 1 + rng.IntN(h) {
				y := rng.IntN(h)
				var b strings.Builder
				for range rng.IntN(w / 2) {
					b.WriteString(styles[rng.IntN(len(styles))].Render(texts[rng.IntN(len(texts))]))
				}
				lines[y] = b.String()
			}
			if frame%50 == 49 {
				s.p.erase(&s.buf) // as after a resize: drawn whole
			}
			s.draw(strings.Join(lines, "\n"))
		}
	}
}

// A frame that changes nothing writes nothing; a one-cell change writes
// that cell and the shortest move to it.
func TestPainterWritesOnlyTheChange(t *testing.T) {
	s := newPaintScreen(t, 20, 3)
	s.draw("hello\nworld")
	if n := s.draw("hello\nworld"); n != 0 {
		t.Errorf("an unchanged frame wrote %d bytes", n)
	}
	s.p.paint(&s.buf, cellsOf("hello\nwor1d", 20, 3))
	if got, want := s.buf.String(), "\b\b1"; got != want { // from the end of "world"
		t.Errorf("one cell: wrote %q, want %q", got, want)
	}
	s.flush()
	s.p.paint(&s.buf, cellsOf("hello\nwor2d", 20, 3))
	if got, want := s.buf.String(), "\b2"; got != want { // the cursor is after the 1
		t.Errorf("the cell left of the cursor: wrote %q, want %q", got, want)
	}
	s.flush()
	// Two changes four cells apart on the row below: a line feed keeps the
	// column; three blanks in between are cheaper rewritten (3 bytes) than
	// skipped ("\x1b[3C"); six are skipped.
	s.p.paint(&s.buf, cellsOf("hello\nwor2d\nx   y", 20, 3))
	if got, want := s.buf.String(), "\n\rx   y"; got != want {
		t.Errorf("two cells: wrote %q, want %q", got, want)
	}
	s.flush()
	s.p.paint(&s.buf, cellsOf("hello\nwor2d\nx   y      z", 20, 3))
	if got, want := s.buf.String(), "\x1b[6Cz"; got != want {
		t.Errorf("two cells: wrote %q, want %q", got, want)
	}
	s.flush()
	// A colour is set once for a run, not per cell, and not again when the
	// pen already has it.
	teal := lipgloss.NewStyle().Foreground(lipgloss.Color("#0F7B6C"))
	s.draw("hello\nwor2d\n" + teal.Render("x") + "   " + teal.Render("y"))
	s.p.paint(&s.buf, cellsOf("hello\nwor2d\n"+teal.Render("xz")+"  "+teal.Render("y"), 20, 3))
	if got, want := s.buf.String(), "\x1b[2Gz"; got != want {
		t.Errorf("same colour: wrote %q, want %q", got, want)
	}
	s.flush()
}

// A full block is written as a space on its colour: one byte, not three.
func TestPainterBlocksAsColouredSpaces(t *testing.T) {
	s := newPaintScreen(t, 10, 1)
	teal := lipgloss.NewStyle().Foreground(lipgloss.Color("#0F7B6C"))
	s.draw(teal.Render("██"))
	s.p.paint(&s.buf, cellsOf(teal.Render("███"), 10, 1))
	if got, want := s.buf.String(), " "; got != want {
		t.Errorf("wrote %q, want %q (the pen already has the colour as background)", got, want)
	}
	s.flush()
}

// The session screen, second by second through the whole test routine at
// every size (with the body map from 100 columns), drawn on an emulated
// terminal: always the frame, cell for cell.
func TestPainterSessionScreens(t *testing.T) {
	for _, size := range [][2]int{{40, 12}, {80, 24}, {100, 24}, {120, 40}} {
		h := startRoutine(t, size[0], size[1], nil)
		s := newPaintScreen(t, size[0], size[1])
		for !h.quit && h.run_() != nil && !h.run_().ended {
			s.draw(h.m.View().Content)
			h.advance(time.Second)
			if _, ok := h.m.screen.(*runScreen); !ok {
				break
			}
		}
		s.draw(h.m.View().Content)
	}
}

// holdSecondBudget is what a second of a hold may write at each size, in
// bytes: the digits that change, a cell of the bar, the shortest moves and
// colour changes between them.
var holdSecondBudget = map[[2]int]int{
	{80, 24}: 80, {100, 24}: 80, {120, 40}: 160,
}

// holdYAML is a routine with one 60 s hold, as in the benchmark.
const holdYAML = `routines:
  - id: hold
    name: Benchmark routine
    soreness: [sore]
    summary: One long hold.
    steps:
      - do: behind-back-clasp
        for: 60s
      - do: hydrate
        for: 10s
`

// A hold writes only the changed cells: at each size, the bytes of the
// frames from 5 s to 55 s into a 60 s hold stay within the budget a
// second and within 1.5× the floor (the changed cells with the cheapest
// moves and pen changes), and the screen shows each frame cell for cell.
func TestHoldSecondBytes(t *testing.T) {
	_, r := userRoutine(t, "hold.yaml", holdYAML, "hold")
	for size, budget := range holdSecondBudget {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			h := startRoutine(t, size[0], size[1], func(o *Options) { o.Routine = r })
			s := newPaintScreen(t, size[0], size[1])
			h.advance(h.sess().Remaining(h.now) + 5*time.Second + time.Millisecond) // get ready, then 5 s of the hold
			if !strings.Contains(h.screen(), "HOLD") {
				t.Fatalf("not in the hold:\n%s", h.screen())
			}
			s.draw(h.m.View().Content)
			const secs = 50
			total, floor := 0, 0
			for range secs {
				h.advance(time.Second)
				prev := s.cur
				total += s.draw(h.m.View().Content)
				floor += Floor(prev, s.cur, colorprofile.TrueColor)
			}
			perSec, ratio := float64(total)/secs, float64(total)/float64(floor)
			t.Logf("%d×%d: %.1f B/s, floor %.1f B/s, ratio %.2f", size[0], size[1], perSec, float64(floor)/secs, ratio)
			if perSec > float64(budget) {
				t.Errorf("a hold writes %.1f B/s, budget %d", perSec, budget)
			}
			if ratio > 1.5 {
				t.Errorf("a hold writes %.2f× the floor", ratio)
			}
		})
	}
}

// A view with a tab, a control character or an escape sequence the layout
// does not draw leaves a zero-width cell with no wide character before it:
// the painter writes it as a blank (it used to step back and forth over it
// for ever, holding the terminal's lock), and the text around it shows.
func TestPainterStrayZeroWidthCells(t *testing.T) {
	for _, content := range []string{"ab\t", "ab\x1b[2K", "ab\x1b[?25l", "ab\x01cd", "\tab", "中\x1b[2Kx"} {
		t.Run(fmt.Sprintf("%q", content), func(t *testing.T) {
			s := newPaintScreen(t, 10, 2)
			done := make(chan struct{})
			go func() {
				defer close(done)
				s.p.paint(&s.buf, cellsOf(content, 10, 2))
			}()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("the painter did not finish the frame")
			}
			s.flush()
			var row strings.Builder
			for x := range 10 {
				if c := s.em.CellAt(x, 0); c != nil && c.Width > 0 {
					row.WriteString(c.Content)
				}
			}
			got := strings.TrimRight(row.String(), " ")
			for _, part := range []string{"ab", "cd", "中", "x"} {
				if strings.Contains(ansi.Strip(content), part) && !strings.Contains(got, part) {
					t.Errorf("row 1 shows %q, want %q in it", got, part)
				}
			}
		})
	}
}
