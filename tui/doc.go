// Package tui is everything the terminal shows: the picker, the session
// screen (big digits, body map, pose, breathing pacer), the summary, key
// maps, styles, cues, voice, the plain line-by-line mode, and Terminal, the
// renderer that writes a frame right after each change. The command line
// is tui/cli; the figure drawing tui/pose; the pty harness tui/ptytest.
package tui
