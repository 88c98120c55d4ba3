package tui

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// hostile holds one of each escape family (see the cli package's test for
// the full tour of the commands).
const hostile = "Ev\x1b]0;EVIL\x07il\x1b]52;c;U0VDUkVU\x1b\\\x1bP1$qm\x1b\\\x1b_G\x1b\\\x1b^p\x1b\\\x1bXs\x1b\\" +
	"\u009b2J\u0090d\u009c\x1bc\a\b\r\x7f\u202e\u2066\ufeffil"

// payloadLeaks finds what of hostile survives in a raw frame. The frame has
// the app's own styling escapes, so the check is for the payloads.
func payloadLeaks(frame string) []string {
	var found []string
	for _, p := range []string{"EVIL", "\x1b]", "\x1bP", "\x1b_", "\x1b^", "\x1bX", "\x1bc", "\u009b", "\u0090", "\a", "\b", "\r", "\x7f", "\u202e", "\u2066", "\ufeff"} {
		if strings.Contains(frame, p) {
			found = append(found, p)
		}
	}
	return found
}

// The picker's warnings, the session's notice and the history failure
// line, on the picker, session and summary screens, show no escape.
func TestScreensShowTextCleaned(t *testing.T) {
	picker := newHarness(t, 80, 24, func(o *Options) { o.Warnings = []string{"recorded " + hostile} })
	if l := payloadLeaks(picker.m.View().Content); len(l) > 0 {
		t.Errorf("picker shows %q", l)
	}
	sess := startRoutine(t, 80, 24, func(o *Options) { o.Warnings = []string{hostile} })
	if l := payloadLeaks(sess.m.View().Content); len(l) > 0 {
		t.Errorf("session notice shows %q", l)
	}
	rec := &fakeRecorder{err: errors.New(hostile)}
	failing := startRoutine(t, 80, 24, func(o *Options) { o.Recorder = rec })
	failing.advance(10 * time.Second)
	if l := payloadLeaks(failing.m.View().Content); len(l) > 0 {
		t.Errorf("session history failure shows %q", l)
	}
	failing.advance(time.Hour)
	if l := payloadLeaks(failing.m.View().Content); len(l) > 0 {
		t.Errorf("summary shows %q", l)
	}
}
