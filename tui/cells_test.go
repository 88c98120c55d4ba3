package tui

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
)

// The painter's cells stay small: at 120×40 its two screens were a
// megabyte of uv.Cells, most of the heap of a session.
func TestPainterCellSize(t *testing.T) {
	if n := unsafe.Sizeof(cell{}); n > 12 {
		t.Errorf("a painter's cell is %d bytes, want at most 12", n)
	}
	// Both screens and the tables of a fresh painter at 120×40: 2×4800
	// cells of 12 bytes (in whole pages, 64 KB each), and a few kilobytes
	// of tables.
	const bound = 140 << 10
	least := ^uint64(0)
	for range 5 { // the fewest of a few tries: another goroutine may allocate meanwhile
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		p := newPainter(120, 40, colorprofile.TrueColor)
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(p)
		least = min(least, after.TotalAlloc-before.TotalAlloc)
	}
	if least > bound {
		t.Errorf("a 120×40 painter allocates %d bytes, want at most %d", least, bound)
	}
}

// Laying a frame out in place allocates nothing of its own once its
// styles and graphemes are known: no more than laying it out in a
// uv.Buffer (the colours the parser reads are boxed either way).
func TestFrameScreenAllocs(t *testing.T) {
	frames := holdFrames(t, 120, 40, 2)
	p := newPainter(120, 40, colorprofile.TrueColor)
	scr := frameScreen{p}
	buf := uv.NewScreenBuffer(120, 40)
	buf.Method = ansi.GraphemeWidth
	inPlace := func() {
		for _, f := range frames {
			p.clearFrame()
			uv.NewStyledString(f).Draw(scr, scr.Bounds())
		}
	}
	inBuffer := func() {
		for _, f := range frames {
			buf.Clear()
			uv.NewStyledString(f).Draw(buf, buf.Bounds())
		}
	}
	inPlace()
	if n, m := testing.AllocsPerRun(20, inPlace), testing.AllocsPerRun(20, inBuffer); n > m {
		t.Errorf("laying out two frames in place allocates %.0f times, in a uv.Buffer %.0f", n, m)
	}
}

// drawFrame draws content as the Terminal does: in place, then painted.
func drawFrame(p *painter, out *bytes.Buffer, content string) {
	p.clearFrame()
	scr := frameScreen{p}
	uv.NewStyledString(content).Draw(scr, scr.Bounds())
	p.paintFrame(out)
}

// randomSGR is a random run of styled text: colours of every kind
// (several alike as uv.Style.Equal compares, written differently),
// attributes, underlines, links, wide and combining characters, blocks.
func randomSGR(rng *rand.Rand, n int) string {
	sgr := []string{"0", "31", "38;5;1", "38;2;128;0;0", "91", "38;5;9", "1", "2", "3", "7", "9", "4", "4:3", "58;2;1;2;3", "48;5;236",
		"48;2;48;48;48", "42", "22", "27", "24", "39", "49", "5", "8", "38:2::1:2:3", "38;3;1;2;3", "48;5;1", "41"}
	texts := []string{"hold", " ", "   ", "██", "█", "░", "日本", "·", "é", "e\u0301", "\u0301", "━", "👍", "ｱ"}
	var b strings.Builder
	for range n {
		if rng.IntN(3) == 0 {
			b.WriteString("\x1b[" + sgr[rng.IntN(len(sgr))] + "m")
		}
		switch rng.IntN(30) {
		case 0:
			b.WriteString(ansi.SetHyperlink(fmt.Sprint("https://example.com/", rng.IntN(3)), ""))
		case 1:
			b.WriteString(ansi.ResetHyperlink())
		}
		b.WriteString(texts[rng.IntN(len(texts))])
	}
	return b.String()
}

// The frame drawn in place holds the cells a uv.Buffer would, style for
// style as written, whatever is drawn into it.
func TestFrameScreenIsABuffer(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const w, h = 13, 5
	p := newPainter(w, h, colorprofile.TrueColor)
	scr := frameScreen{p}
	buf := uv.NewScreenBuffer(w, h)
	buf.Method = ansi.GraphemeWidth
	compare := func(what string) {
		t.Helper()
		for y := range h {
			for x := range w {
				want, got := buf.CellAt(x, y), scr.CellAt(x, y)
				if got.Content != want.Content || got.Width != want.Width || !sameStyle(&got.Style, &want.Style) || got.Link != want.Link {
					t.Fatalf("%s: cell %d,%d is %+v, want %+v", what, x, y, *got, *want)
				}
			}
		}
	}
	for i := range 300 {
		lines := make([]string, h)
		for y := range lines {
			lines[y] = randomSGR(rng, rng.IntN(w))
		}
		content := strings.Join(lines, "\n")
		p.clearFrame()
		buf.Clear()
		uv.NewStyledString(content).Draw(scr, scr.Bounds())
		uv.NewStyledString(content).Draw(buf, buf.Bounds())
		compare(fmt.Sprintf("frame %d %q", i, content))
		// Single cells over what is there, wide ones over wide ones.
		for range 20 {
			x, y := rng.IntN(w+2)-1, rng.IntN(h+2)-1
			var c *uv.Cell
			if rng.IntN(5) > 0 {
				lines := uv.NewStyledString(randomSGR(rng, 1)).Lines(ansi.GraphemeWidth)
				if len(lines) > 0 && len(lines[0]) > 0 {
					c = &lines[0][0]
				}
			}
			scr.SetCell(x, y, c)
			buf.SetCell(x, y, c)
			compare(fmt.Sprintf("frame %d, a cell at %d,%d", i, x, y))
		}
	}
	if scr.CellAt(w, 0) != nil || scr.CellAt(0, -1) != nil {
		t.Error("a cell outside the frame is not nil")
	}
}

// canonCell is canon, for every style, grapheme and profile.
func TestCanonCellIsCanon(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, prof := range []colorprofile.Profile{colorprofile.TrueColor, colorprofile.ANSI256, colorprofile.ANSI, colorprofile.Ascii, colorprofile.NoTTY} {
		p := newPainter(10, 2, prof)
		for range 2000 {
			lines := uv.NewStyledString(randomSGR(rng, 4)).Lines(ansi.GraphemeWidth)
			for _, l := range lines {
				for _, c := range l {
					want := p.canon(c)
					got := p.cells.cell(p.canonCell(p.cells.add(&c)))
					if got.Content != want.Content || got.Width != want.Width || !sameStyle(&got.Style, &want.Style) || got.Link != want.Link {
						t.Fatalf("%v: canon of %+v is %+v, want %+v", prof, c, got, want)
					}
				}
			}
		}
	}
}

// A long session of ever new colours and characters keeps the tables
// bounded, and the screen right across each rebuild.
func TestCellTablesStayBounded(t *testing.T) {
	const w, h = 20, 5
	s := newPaintScreen(t, w, h)
	biggest := 0
	for frame := range 400 {
		var b strings.Builder
		for i := range w * h / 2 {
			n := frame*w*h + i
			fmt.Fprintf(&b, "\x1b[38;2;%d;%d;%dm%c", n&0xff, n>>8&0xff, n>>16&0xff, rune(0x4e00+n%0x5000))
		}
		s.draw(b.String())
		biggest = max(biggest, s.p.cells.size())
	}
	// The limit, and what one frame (and one on screen) can add to it.
	if limit := minTableLimit + 2*2*w*h; biggest > limit {
		t.Errorf("the tables grew to %d entries, want at most %d", biggest, limit)
	}
}

// holdFrames is what the session screen shows each second of a hold, n
// seconds from 5 s into it.
func holdFrames(tb testing.TB, w, h, n int) []string {
	_, r := userRoutine(tb, "hold.yaml", holdYAML, "hold")
	hs := startRoutine(tb, w, h, func(o *Options) { o.Routine = r })
	hs.advance(hs.sess().Remaining(hs.now) + 5*time.Second + time.Millisecond)
	frames := make([]string, n)
	for i := range frames {
		frames[i] = hs.m.View().Content
		hs.advance(time.Second)
	}
	return frames
}

// A second of a hold as the Terminal draws it: laid out in place in the
// painter's frame, then painted.
func BenchmarkPaintHold(b *testing.B) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		b.Run(fmt.Sprintf("%dx%d", w, h), func(b *testing.B) {
			frames := holdFrames(b, w, h, 50)
			p := newPainter(w, h, colorprofile.TrueColor)
			var out bytes.Buffer
			p.erase(&out)
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				out.Reset()
				drawFrame(p, &out, frames[i%len(frames)])
			}
		})
	}
}
