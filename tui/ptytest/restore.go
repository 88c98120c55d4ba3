package ptytest

import (
	"bytes"
	"fmt"
	"regexp"
)

var (
	altScreenSeq = regexp.MustCompile(`\x1b\[\?1049[hl]`)
	cursorSeq    = regexp.MustCompile(`\x1b\[\?25[hl]`)
	// The keyboard modes Bubble Tea (and cooldown's own renderer) turn on:
	// a kitty keyboard protocol push and modifyOtherKeys, and their undoing.
	kittyPushSeq         = regexp.MustCompile(`\x1b\[>\d*u`)
	kittyPopSeq          = regexp.MustCompile(`\x1b\[<\d*u`)
	modifyOtherKeysSet   = regexp.MustCompile(`\x1b\[>4;[12]m`)
	modifyOtherKeysReset = regexp.MustCompile(`\x1b\[>4(;0)?m`)
)

// Unrestored lists how the app's output failed to leave the terminal as it
// found it; empty when it entered the alternate screen and left it last,
// showed the cursor again after it last hid it, popped every kitty
// keyboard push before leaving the alternate screen (the protocol keeps a
// stack per screen), and reset modifyOtherKeys after it last set it.
func Unrestored(raw []byte) []string {
	var bad []string
	alt := altScreenSeq.FindAll(raw, -1)
	switch {
	case len(alt) == 0:
		bad = append(bad, "the app never entered the alternate screen (no \\x1b[?1049h)")
	case string(alt[len(alt)-1]) != "\x1b[?1049l":
		bad = append(bad, fmt.Sprintf("the alternate screen was not left: last sequence %q", alt[len(alt)-1]))
	}
	if cur := cursorSeq.FindAll(raw, -1); len(cur) > 0 && string(cur[len(cur)-1]) != "\x1b[?25h" {
		bad = append(bad, fmt.Sprintf("the cursor was left hidden: last cursor sequence %q", cur[len(cur)-1]))
	}
	pushes, pops := kittyPushSeq.FindAllIndex(raw, -1), kittyPopSeq.FindAllIndex(raw, -1)
	if len(pushes) > 0 {
		leave := bytes.LastIndex(raw, []byte("\x1b[?1049l"))
		switch {
		case len(pops) < len(pushes):
			bad = append(bad, fmt.Sprintf("kitty keyboard: %d pushes (\\x1b[>…u) but %d pops (\\x1b[<…u)", len(pushes), len(pops)))
		case lastAt(pops) < lastAt(pushes):
			bad = append(bad, "kitty keyboard: pushed again after the last pop")
		case leave >= 0 && lastAt(pops) > leave:
			bad = append(bad, "kitty keyboard: popped after leaving the alternate screen (its stack is per screen)")
		}
	}
	if set := lastAt(modifyOtherKeysSet.FindAllIndex(raw, -1)); set >= 0 && lastAt(modifyOtherKeysReset.FindAllIndex(raw, -1)) < set {
		bad = append(bad, "modifyOtherKeys was left on (no \\x1b[>4m or \\x1b[>4;0m after the last \\x1b[>4;2m)")
	}
	return bad
}

func lastAt(m [][]int) int {
	if len(m) == 0 {
		return -1
	}
	return m[len(m)-1][0]
}
