package sheet

import "math"

// store holds the non-blank rows of a sheet compactly while the sheet is
// read: the text of every cell in one buffer, a cell as its span there
// and its kind (8 bytes), a row as where its cells start and its number
// (8 bytes). A sheet of a million rows of a date and a value takes some
// 50 MB so, where a string and a slice per cell took four times that.
type store struct {
	text  []byte
	cells []cellRef
	start []int32 // row i's cells are cells[start[i]:start[i+1]]
	nums  []int32 // the sheet's 1-based number of each row
}

// cellRef is one cell: its text, text[off:off+n], and its kind.
type cellRef struct {
	off  uint32
	n    uint16 // at most MaxCellBytes
	kind cellKind
}

// maxStoreText is the most text a store holds (its offsets are uint32);
// Options.MaxTextBytes is capped to it.
const maxStoreText = math.MaxUint32

func newStore() *store { return &store{start: []int32{0}} }

// push appends a row of cells (the trailing empty ones left out; a row
// with none is not kept). The text of a cell repeated from the previous
// one (ODS number-columns-repeated) is stored once.
func (s *store) push(num int, cells []sheetCell) {
	for len(cells) > 0 && cells[len(cells)-1].kind == kindEmpty {
		cells = cells[:len(cells)-1]
	}
	if len(cells) == 0 {
		return
	}
	var prev *sheetCell // the cell before, when it is not empty
	for i := range cells {
		c := &cells[i]
		if c.kind == kindEmpty {
			s.cells = append(s.cells, cellRef{})
			prev = nil
			continue
		}
		if prev != nil && prev.text == c.text {
			r := s.cells[len(s.cells)-1]
			r.kind = c.kind
			s.cells = append(s.cells, r)
			continue
		}
		s.cells = append(s.cells, cellRef{off: uint32(len(s.text)), n: uint16(len(c.text)), kind: c.kind})
		s.text = append(s.text, c.text...)
		prev = c
	}
	s.start = append(s.start, int32(len(s.cells)))
	s.nums = append(s.nums, int32(num))
}

// pushRepeat appends the last row again with number num (ODS
// number-rows-repeated): its cells' text is shared.
func (s *store) pushRepeat(num int) {
	n := s.len()
	from, to := s.start[n-1], s.start[n]
	s.cells = append(s.cells, s.cells[from:to]...)
	s.start = append(s.start, int32(len(s.cells)))
	s.nums = append(s.nums, int32(num))
}

func (s *store) len() int        { return len(s.nums) }
func (s *store) num(i int) int   { return int(s.nums[i]) }
func (s *store) width(i int) int { return int(s.start[i+1] - s.start[i]) }

// ref is cell c of row i (an empty one beyond the row's end).
func (s *store) ref(i, c int) cellRef {
	if c < 0 || c >= s.width(i) {
		return cellRef{}
	}
	return s.cells[int(s.start[i])+c]
}

func (s *store) kind(i, c int) cellKind { return s.ref(i, c).kind }

// bytes is the text of cell c of row i, in the store's buffer.
func (s *store) bytes(i, c int) []byte {
	r := s.ref(i, c)
	return s.text[r.off : r.off+uint32(r.n) : r.off+uint32(r.n)]
}

func (s *store) str(i, c int) string { return string(s.bytes(i, c)) }
