package sketch

import (
	"errors"
	"fmt"
	"strings"
)

// MaxEncodedBytes bounds the stored text of a sketch (8 KiB). Decode refuses
// longer text before looking at it, and New refuses canvas sizes whose
// encoding could be longer, so every canvas's Encode can be decoded again.
const MaxEncodedBytes = 8 << 10

// ErrTooLarge is matched by errors.Is for every *TooLargeError.
var ErrTooLarge = errors.New("sketch is too large")

// TooLargeError reports stored text that does not fit the canvas it is being
// decoded into. Its message is one plain sentence the UI can show as is.
type TooLargeError struct {
	Width, Height int // the canvas
	Cols, Rows    int // the text's widest row and row count, once normalised
	Bytes         int // the text's length, when over MaxEncodedBytes
}

func (e *TooLargeError) Error() string {
	if e.Bytes > 0 {
		return fmt.Sprintf("sketch of %d bytes is larger than the %d-byte limit", e.Bytes, MaxEncodedBytes)
	}
	return fmt.Sprintf("sketch of %d×%d cells is larger than the %d×%d canvas", e.Cols, e.Rows, e.Width, e.Height)
}

// Is makes errors.Is(err, ErrTooLarge) true.
func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// Encode returns the canvas as plain text for storage and printing: its rows
// joined by \n, each with trailing blanks trimmed, trailing empty rows
// dropped. An empty canvas encodes to "". Decode(Encode(c)) has c's cells.
func (c *Canvas) Encode() string {
	rows := c.Rows()
	for y := range rows {
		rows[y] = strings.TrimRight(rows[y], string(Empty))
	}
	for len(rows) > 0 && rows[len(rows)-1] == "" {
		rows = rows[:len(rows)-1]
	}
	return strings.Join(rows, "\n")
}

// Decode builds a w×h canvas from stored text, with the cursor at the top
// left and an empty history.
//
// The text is normalised first, and Encode of the result returns exactly the
// normalised text: \r\n and lone \r become \n; each rune becomes
// CellRune(rune) (so tabs and other control characters become blanks, runes
// wider or narrower than one cell become ?, and invalid UTF-8 becomes U+FFFD);
// trailing blanks of each row and trailing empty rows are dropped.
//
// Text longer than MaxEncodedBytes, or whose normalised rows are more than h
// or wider than w cells, returns a *TooLargeError (errors.Is ErrTooLarge). A
// size New refuses returns an error wrapping ErrSize.
func Decode(text string, w, h int) (*Canvas, error) {
	c, err := New(w, h)
	if err != nil {
		return nil, err
	}
	if len(text) > MaxEncodedBytes {
		return nil, &TooLargeError{Width: w, Height: h, Bytes: len(text)}
	}
	rows := normalise(text)
	cols := 0
	for _, row := range rows {
		cols = max(cols, len(row))
	}
	if len(rows) > h || cols > w {
		return nil, &TooLargeError{Width: w, Height: h, Cols: cols, Rows: len(rows)}
	}
	for y, row := range rows {
		copy(c.cells[y*w:], row)
	}
	return c, nil
}

// normalise splits text into rows of cell runes as Decode describes.
func normalise(text string) [][]rune {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := strings.Split(text, "\n")
	rows := make([][]rune, 0, len(lines))
	for _, line := range lines {
		row := make([]rune, 0, len(line))
		for _, r := range line {
			row = append(row, CellRune(r))
		}
		for len(row) > 0 && row[len(row)-1] == Empty {
			row = row[:len(row)-1]
		}
		rows = append(rows, row)
	}
	for len(rows) > 0 && len(rows[len(rows)-1]) == 0 {
		rows = rows[:len(rows)-1]
	}
	return rows
}
