package sshserver

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"log"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// lineLog hands each log line to a channel.
type lineLog chan string

func (l lineLog) Write(p []byte) (int, error) {
	l <- string(p)
	return len(p), nil
}

// kexInit is an SSH_MSG_KEXINIT packet, unencrypted, offering only the key exchange
// algorithm kex and no others.
func kexInit(kex string) []byte {
	var payload bytes.Buffer
	payload.WriteByte(20) // SSH_MSG_KEXINIT
	payload.Write(make([]byte, 16))
	for i := range 10 {
		name := ""
		if i == 0 {
			name = kex
		}
		binary.Write(&payload, binary.BigEndian, uint32(len(name)))
		payload.WriteString(name)
	}
	payload.Write([]byte{0, 0, 0, 0, 0}) // first_kex_packet_follows, reserved
	padding := 8 - (5+payload.Len())%8
	if padding < 4 {
		padding += 8
	}
	var pkt bytes.Buffer
	binary.Write(&pkt, binary.BigEndian, uint32(1+payload.Len()+padding))
	pkt.WriteByte(byte(padding))
	pkt.Write(payload.Bytes())
	pkt.Write(make([]byte, padding))
	return pkt.Bytes()
}

// A client's handshake is not trusted text: the algorithm names it offers come back in
// the handshake's error, which the server logs, and the log may be read on a terminal.
func TestARefusedHandshakeLogsNoEscapes(t *testing.T) {
	t.Parallel()
	lines := make(lineLog, 16)
	srv, err := New(Config{Auth: noAuth{}, Handler: func(Session) (tea.Model, error) { return nil, io.EOF },
		HostKeyPath: filepath.Join(t.TempDir(), "host_key"), Log: log.New(lines, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	})
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	hostile := "evil\x1b]52;c;aGk=\x07\x1b[2J\u009b31m\u202e"
	if _, err := c.Write(append([]byte("SSH-2.0-probe\r\n"), kexInit(hostile)...)); err != nil {
		t.Fatal(err)
	}
	timeout := time.After(5 * time.Second)
	for {
		select {
		case line := <-lines:
			if !strings.Contains(line, "refused") {
				continue
			}
			if !strings.Contains(line, "evil") {
				t.Fatalf("the refusal does not say what the client offered: %q", line)
			}
			for _, r := range strings.TrimSuffix(line, "\n") {
				if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) {
					t.Fatalf("the log holds %U: %q", r, line)
				}
			}
			return
		case <-timeout:
			t.Fatal("the refused handshake was never logged")
		}
	}
}
