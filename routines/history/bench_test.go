package history

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"
	"time"
)

// realisticRecord is shaped like what a session writes: a NewID-style id,
// a routine, times with nanoseconds and an offset, and six to twelve areas.
func realisticRecord(rng *rand.Rand, i int, start time.Time) Record {
	routines := [...]struct{ id, name string }{
		{"desk-reset-10", "Desk reset (10 min)"},
		{"post-run-15", "After a run: legs and hips (15 min)"},
		{"very-sore-gentle-20", "Very sore: gentle recovery (20 min)"},
		{"deep-recovery-40", "Deep recovery with foam rolling (40 min)"},
	}
	areas := [...]string{"neck", "shoulders", "chest", "upper-back", "lower-back", "arms", "lats", "hips",
		"glutes", "quads", "hamstrings", "adductors", "calves", "shins", "feet", "it-band"}
	soreness := [...]string{"fresh", "sore", "very-sore"}
	rt := routines[rng.IntN(len(routines))]
	active := 300 + rng.Float64()*2400
	r := Record{
		Version:       CurrentVersion,
		ID:            fmt.Sprintf("%s-%d-%012x", start.UTC().Format("20060102T150405Z"), 10000+rng.IntN(50000), rng.Uint64()>>16),
		Start:         start,
		End:           start.Add(time.Duration(active*float64(time.Second)) + 17*time.Second + time.Duration(rng.IntN(1e9))),
		Routine:       rt.id,
		RoutineName:   rt.name,
		Soreness:      soreness[rng.IntN(len(soreness))],
		Outcome:       OutcomeCompleted,
		StepsTotal:    12 + rng.IntN(20),
		ActiveSeconds: active,
		PausedSeconds: rng.Float64() * 60,
		AreaSeconds:   map[string]float64{},
		Rating:        rng.IntN(6),
	}
	r.StepsDone = r.StepsTotal - rng.IntN(3)
	r.StepsSkipped = r.StepsTotal - r.StepsDone
	if i%10 == 0 {
		r.Outcome = OutcomeQuit
	}
	for n := 6 + rng.IntN(7); n > 0; n-- {
		r.AreaSeconds[areas[rng.IntN(len(areas))]] = float64(rng.IntN(24000)) / 100
	}
	return r
}

// BenchmarkReadAndStats100k reads a 100,000-record history (≈50 MB) and
// computes the statistics, as `cooldown history` does. cpu-ms/op is the
// CPU time of all threads per read (the decoding runs on every core), which
// stays put when other work on the machine slows the wall time.
func BenchmarkReadAndStats100k(b *testing.B) {
	const n = 100_000
	s := NewStore(b.TempDir())
	f, err := os.Create(s.Path())
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	rng := rand.New(rand.NewPCG(1, 2))
	loc := time.FixedZone("CET", 3600)
	start := time.Date(2000, 1, 1, 7, 0, 0, 0, loc)
	enc := json.NewEncoder(w) // Encode ends each record with '\n', as Append does
	for i := range n {
		start = start.Add(time.Duration(3+rng.IntN(5)) * time.Hour).Add(time.Duration(rng.IntN(1e9)))
		if err := enc.Encode(realisticRecord(rng, i, start)); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	info, _ := f.Stat()
	f.Close()
	b.SetBytes(info.Size())
	now := start.Add(time.Hour)

	cpu0 := cpuTime()
	for b.Loop() {
		recs, ws, err := s.Read()
		if err != nil || len(ws) != 0 || len(recs) != n {
			b.Fatalf("Read: %d records, %d warnings, %v", len(recs), len(ws), err)
		}
		st := Compute(recs, now)
		if st.TotalSessions == 0 {
			b.Fatal("no sessions")
		}
		_ = Heatmap(recs, now, 52)
	}
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(info.Size())/1e6, "file-MB")
}
