package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// lastSkippedMidnight is the latest day before now, in loc, whose midnight
// does not exist (the clocks jump from 23:59:59 to 01:00).
func lastSkippedMidnight(t *testing.T, loc *time.Location, now time.Time) (y int, m time.Month, d int) {
	t.Helper()
	for day := now.In(loc).AddDate(0, 0, -1); now.Sub(day) < 700*24*time.Hour; day = day.AddDate(0, 0, -1) {
		y, m, d = day.Date()
		if mid := time.Date(y, m, d, 0, 0, 0, 0, loc); mid.Day() != d {
			return y, m, d
		}
	}
	t.Skipf("%v has no DST change at midnight in the last 100 weeks", loc)
	return
}

// `history --json` counts in civil days: in a zone whose clocks skip
// midnight (Chile, Cuba) the calendar still holds every date once, and a
// session on that day is on that date.
func TestE2EHistoryCalendarSkippedMidnight(t *testing.T) {
	t.Parallel()
	bin := e2eBinary(t)
	for _, zone := range []string{"America/Santiago", "America/Havana"} {
		t.Run(zone, func(t *testing.T) {
			loc, err := time.LoadLocation(zone)
			if err != nil {
				t.Skipf("no time zone data for %s: %v", zone, err)
			}
			env := newE2EEnv(t)
			y, m, d := lastSkippedMidnight(t, loc, time.Now())
			day := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
			var lines string
			for i, at := range []time.Time{
				time.Date(y, m, d, 12, 0, 0, 0, loc),   // on the day
				time.Date(y, m, d-1, 12, 0, 0, 0, loc), // the day before
				time.Date(y, m, d-1, 12, 30, 0, 0, loc),
			} {
				lines += fmt.Sprintf(`{"v":1,"id":"s%d","start":%q,"end":%q,"routine":"tiny","routine_name":"Tiny","soreness":"sore","outcome":"completed","steps_done":2,"steps_skipped":0,"steps_total":2,"active_seconds":600,"paused_seconds":0,"area_seconds":{"calves":60}}`+"\n",
					i, at.Format(time.RFC3339), at.Add(10*time.Minute).Format(time.RFC3339))
			}
			dir := filepath.Join(env.state, "cooldown")
			os.MkdirAll(dir, 0o755)
			if err := os.WriteFile(filepath.Join(dir, "history.jsonl"), []byte(lines), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "history", "--json", "--weeks", "104")
			cmd.Env = append(env.environ(), "TZ="+zone)
			cmd.Dir = env.home
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("history --json: %v\n%s", err, out)
			}
			var got struct {
				Stats struct {
					Calendar struct {
						From, To string
						Sessions map[string]int
					}
				}
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			prev := fmt.Sprintf("%04d-%02d-%02d", y, m, d-1)
			if got.Stats.Calendar.Sessions[day] != 1 || got.Stats.Calendar.Sessions[prev] != 2 {
				t.Errorf("calendar sessions on %s and %s: %v; want 1 and 2", day, prev, got.Stats.Calendar.Sessions)
			}
			from, err1 := time.Parse(time.DateOnly, got.Stats.Calendar.From)
			to, err2 := time.Parse(time.DateOnly, got.Stats.Calendar.To)
			if err1 != nil || err2 != nil || from.Weekday() != time.Monday || to.Weekday() != time.Sunday {
				t.Errorf("calendar from %s to %s: want a Monday to a Sunday", got.Stats.Calendar.From, got.Stats.Calendar.To)
			}
		})
	}
}
