package history

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/cooldown-app/cooldown/routines/safefile"
)

// A checkpoint file is two slots of slotSize bytes. Each slot is a header
// line, the record's JSON and padding:
//
//	cooldown-checkpoint seq=7 len=312 crc=1a2b3c4d\n{"v":1,...}          \n
//
// A save writes the slot the previous save did not, so a crash in the
// middle of a write leaves the other slot whole; the reader takes the valid
// slot with the higher sequence number (the checksum tells a torn slot).
// The file is allocated in full when the session begins and only ever
// rewritten in place, so saving never needs free space.
const (
	slotSize       = 8 << 10
	checkpointSize = 2 * slotSize
	slotMagic      = "cooldown-checkpoint"
)

// encodeSlot is the slotSize bytes of slot seq holding r.
func encodeSlot(seq uint64, r Record) ([]byte, error) {
	payload, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	header := fmt.Sprintf("%s seq=%d len=%d crc=%08x\n", slotMagic, seq, len(payload), crc32.ChecksumIEEE(payload))
	if len(header)+len(payload)+1 > slotSize {
		return nil, fmt.Errorf("record is %d bytes, too big for a checkpoint", len(payload))
	}
	b := make([]byte, slotSize)
	n := copy(b, header)
	n += copy(b[n:], payload)
	for i := n; i < slotSize-1; i++ {
		b[i] = ' ' // the file stays readable text
	}
	b[slotSize-1] = '\n'
	return b, nil
}

// writeSlot writes slot seq in place and makes it durable.
func writeSlot(f *os.File, seq uint64, b []byte) error {
	if _, err := f.WriteAt(b, int64(seq%2)*slotSize); err != nil {
		return err
	}
	return dataSync(f)
}

// createCheckpoint makes dir/name at its full size, with first as slot 1,
// and returns it open for in-place saves. It is written whole under a
// temporary name and renamed, so Recover never sees it half-made.
func createCheckpoint(dir, name string, first []byte) (f *os.File, err error) {
	tmp, err := os.CreateTemp(dir, "."+name+".tmp*")
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	// Reserve the blocks up front where the file system can; writing the
	// whole file below reserves them everywhere else.
	preallocate(tmp, checkpointSize)
	whole := make([]byte, checkpointSize)
	copy(whole[slotSize:], first) // seq 1 lives in slot 1
	for i := range slotSize {
		whole[i] = ' '
	}
	whole[slotSize-1] = '\n'
	if _, err = tmp.WriteAt(whole, 0); err != nil {
		return nil, err
	}
	if err = tmp.Sync(); err != nil {
		return nil, err
	}
	if err = os.Rename(tmp.Name(), filepath.Join(dir, name)); err != nil {
		return nil, err
	}
	if err = syncDir(dir); err != nil {
		return nil, err
	}
	return tmp, nil
}

// maxCheckpointBytes bounds the read of a checkpoint file: a real one is
// checkpointSize; an old-format one (a bare JSON record) is smaller.
const maxCheckpointBytes = checkpointSize

// readCheckpointFile reads a checkpoint without ever waiting on it (a FIFO,
// a device) or reading more than a checkpoint's size. info is the opened
// file's own, for its modification time.
func readCheckpointFile(path string) ([]byte, fs.FileInfo, error) {
	f, info, err := safefile.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxCheckpointBytes+1))
	if err != nil {
		return nil, nil, err
	}
	if len(b) > maxCheckpointBytes {
		return nil, nil, fmt.Errorf("file is larger than a checkpoint (%d bytes)", maxCheckpointBytes)
	}
	return b, info, nil
}

// decodeCheckpoint returns the newest whole record in a checkpoint file.
// A file starting with '{' is the format before slots (one JSON record,
// replaced by rename), still read so an upgrade loses no session.
func decodeCheckpoint(b []byte) (Record, error) {
	var best Record
	var bestSeq uint64
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '{' {
		err := json.Unmarshal(t, &best)
		return best, err
	}
	for off := 0; off+slotSize <= len(b); off += slotSize {
		seq, r, ok := decodeSlot(b[off : off+slotSize])
		if ok && seq > bestSeq {
			best, bestSeq = r, seq
		}
	}
	if bestSeq == 0 {
		return Record{}, errors.New("no complete record in the checkpoint")
	}
	return best, nil
}

// decodeSlot reads one slot; ok is false for an empty or torn one.
func decodeSlot(slot []byte) (seq uint64, r Record, ok bool) {
	header, rest, found := bytes.Cut(slot, []byte("\n"))
	if !found {
		return 0, Record{}, false
	}
	f := bytes.Fields(header)
	if len(f) != 4 || string(f[0]) != slotMagic {
		return 0, Record{}, false
	}
	field := func(b []byte, key string, base int) (uint64, bool) {
		v, ok := bytes.CutPrefix(b, []byte(key+"="))
		if !ok {
			return 0, false
		}
		n, err := strconv.ParseUint(string(v), base, 64)
		return n, err == nil
	}
	seq, ok1 := field(f[1], "seq", 10)
	n, ok2 := field(f[2], "len", 10)
	sum, ok3 := field(f[3], "crc", 16)
	if !ok1 || !ok2 || !ok3 || seq == 0 || n > uint64(len(rest)) {
		return 0, Record{}, false
	}
	payload := rest[:n]
	if uint64(crc32.ChecksumIEEE(payload)) != sum {
		return 0, Record{}, false
	}
	if err := json.Unmarshal(payload, &r); err != nil {
		return 0, Record{}, false
	}
	return seq, r, true
}

// moveAside renames dir/name to name.bad so that a file that is not what
// cooldown made is reported once and kept for a person to look at. A FIFO
// or a device is moved, never opened for reading.
func moveAside(dir, name string, why error) error {
	from := filepath.Join(dir, name)
	to := from + ".bad"
	if err := os.Rename(from, to); err != nil {
		return fmt.Errorf("%s: %v; cannot move it aside: %w", from, why, err)
	}
	return fmt.Errorf("%s: %v; moved to %s", from, why, to)
}
