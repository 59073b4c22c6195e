package backup

import (
	"archive/tar"
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"filippo.io/age"
)

// A backup is a tar archive, age-encrypted unless made with --plain:
//
//	clinicdesk-backup        the manifest (JSON): format, time, schema, counts, audit head
//	clinic.db                the snapshot
//	clinic.db.audit-key      the audit key
//	clinic.db.audit-witness  the audit witness
//	SHA256SUMS               the SHA-256 of the three files, checked on reading
//
// age's stream is authenticated, so a changed or cut encrypted file fails to decrypt;
// the checksums catch the same in a plain one.
const (
	manifestName = "clinicdesk-backup"
	sumsName     = "SHA256SUMS"
	dbName       = "clinic.db"
	formatNumber = 1
)

// ageMagic starts every binary age file.
var ageMagic = []byte("age-encryption.org/v1\n")

// memberNames are the archive's files in order, after the manifest.
func memberNames() []string {
	return []string{dbName, filepath.Base(keyPath(dbName)), filepath.Base(witnessPath(dbName))}
}

type manifest struct {
	Format        int       `json:"format"`
	Created       time.Time `json:"created"`
	SchemaVersion int       `json:"schema_version"`
	Patients      int64     `json:"patients"`
	Appointments  int64     `json:"appointments"`
	AuditRow      int64     `json:"audit_row"`
	AuditMAC      string    `json:"audit_mac"`
}

// writeArchive writes the manifest and the files of dir (memberNames) as a tar to w,
// telling progress (when not nil) how many of the files' bytes are written of how many.
func writeArchive(w io.Writer, dir string, m manifest, progress func(done, total int64)) error {
	var total int64
	for _, name := range memberNames() {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		total += info.Size()
	}
	pr := &progressReader{total: total, report: progress}
	tw := tar.NewWriter(w)
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if err := writeMember(tw, manifestName, bytes.NewReader(data), int64(len(data)), m.Created); err != nil {
		return err
	}
	var sums strings.Builder
	for _, name := range memberNames() {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		info, err := f.Stat()
		if err != nil {
			f.Close()
			return err
		}
		h := sha256.New()
		pr.r = io.TeeReader(f, h)
		err = writeMember(tw, name, pr, info.Size(), m.Created)
		f.Close()
		if err != nil {
			return err
		}
		fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(h.Sum(nil)), name)
	}
	if err := writeMember(tw, sumsName, strings.NewReader(sums.String()), int64(sums.Len()), m.Created); err != nil {
		return err
	}
	return tw.Close()
}

func writeMember(tw *tar.Writer, name string, r io.Reader, size int64, at time.Time) error {
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: size, ModTime: at, Typeflag: tar.TypeReg}); err != nil {
		return err
	}
	n, err := io.Copy(tw, r)
	if err == nil && n != size {
		err = fmt.Errorf("%s changed while it was archived", name)
	}
	return err
}

// Keys is what opens an encrypted backup: a passphrase, or age identities.
type Keys struct {
	Passphrase []byte
	Identities []age.Identity
	// maxWorkFactor caps scrypt's work factor; 0 leaves age's default cap.
	maxWorkFactor int
}

// Error kinds a reader of a backup reports, each in one sentence.
var (
	ErrNotBackup     = errors.New("this file is not a ClinicDesk backup")
	ErrWrongKey      = errors.New("the passphrase or identity does not open this backup (or the backup's header was damaged)")
	ErrDamaged       = errors.New("the backup is damaged or cut short")
	ErrNeedsKey      = errors.New("this backup is encrypted: give its passphrase or identity")
	errTooLargeEntry = errors.New("an entry of the archive is larger than the file holding it")
)

// openArchive returns the tar stream of the backup in f (decrypting it when it is an
// age file) and whether it was encrypted.
func openArchive(f *os.File, keys Keys) (io.Reader, bool, error) {
	br := bufio.NewReader(f)
	head, _ := br.Peek(len(ageMagic))
	if !bytes.Equal(head, ageMagic) {
		return br, false, nil
	}
	ids := keys.Identities
	if len(keys.Passphrase) > 0 {
		id, err := age.NewScryptIdentity(string(keys.Passphrase))
		if err != nil {
			return nil, true, err
		}
		if keys.maxWorkFactor > 0 {
			id.SetMaxWorkFactor(keys.maxWorkFactor)
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return nil, true, ErrNeedsKey
	}
	r, err := age.Decrypt(br, ids...)
	var noMatch *age.NoIdentityMatchError
	switch {
	case errors.As(err, &noMatch):
		return nil, true, ErrWrongKey
	case err != nil:
		return nil, true, fmt.Errorf("%w (%v)", ErrDamaged, err)
	}
	return r, true, nil
}

// extractArchive reads the tar stream into dir, checking its layout and checksums, and
// returns the manifest. encrypted says the stream is age's. limit bounds each entry (the backup file's size).
func extractArchive(r io.Reader, encrypted bool, dir string, limit int64) (manifest, error) {
	var m manifest
	tr := tar.NewReader(r)
	hdr, err := tr.Next()
	if encrypted && err != nil && !errors.Is(err, tar.ErrHeader) {
		return m, damaged(err) // the decryption failed: the file was changed or cut
	}
	if err != nil || hdr.Name != manifestName || hdr.Size > 1<<20 {
		// Too short for a tar header, or not one: not ours (a cut ClinicDesk backup
		// is longer than its manifest).
		return m, ErrNotBackup
	}
	data, err := io.ReadAll(tr)
	if err != nil {
		return m, damaged(err)
	}
	if err := json.Unmarshal(data, &m); err != nil || m.Format == 0 {
		return m, ErrNotBackup
	}
	if m.Format != formatNumber {
		return m, fmt.Errorf("this backup was made by a newer ClinicDesk (backup format %d): upgrade ClinicDesk to read it", m.Format)
	}
	got := map[string]string{}
	for _, name := range memberNames() {
		hdr, err := tr.Next()
		if err != nil {
			return m, damaged(err)
		}
		if hdr.Name != name || hdr.Typeflag != tar.TypeReg {
			return m, fmt.Errorf("%w (it holds %q where %s belongs)", ErrDamaged, hdr.Name, name)
		}
		if hdr.Size > limit {
			return m, damaged(errTooLargeEntry)
		}
		sum, err := writeFile(filepath.Join(dir, name), tr)
		if err != nil {
			return m, err
		}
		got[name] = sum
	}
	hdr, err = tr.Next()
	if err != nil || hdr.Name != sumsName || hdr.Size > 1<<16 {
		return m, damaged(err)
	}
	sums, err := io.ReadAll(tr)
	if err != nil {
		return m, damaged(err)
	}
	want := map[string]string{}
	for _, line := range strings.Split(strings.TrimSuffix(string(sums), "\n"), "\n") {
		sum, name, _ := strings.Cut(line, "  ")
		want[name] = sum
	}
	for _, name := range memberNames() {
		if want[name] != got[name] {
			return m, fmt.Errorf("%w (%s does not match its checksum)", ErrDamaged, name)
		}
	}
	// Reading to the end lets age check the stream's last chunk.
	if _, err := io.Copy(io.Discard, tr); err != nil {
		return m, damaged(err)
	}
	if _, err := tr.Next(); err != io.EOF {
		return m, damaged(err)
	}
	if _, err := io.Copy(io.Discard, r); err != nil {
		return m, damaged(err)
	}
	return m, nil
}

func damaged(err error) error {
	if err == nil || errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("%w (%v)", ErrDamaged, err)
}

// writeFile makes path (0600) from r and returns its SHA-256.
func writeFile(path string, r io.Reader) (string, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(f, h), r); err != nil {
		f.Close()
		return "", damaged(err)
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// progressReader reports the bytes read through it, at most every 1 MiB.
type progressReader struct {
	r           io.Reader
	done, total int64
	reported    int64
	report      func(done, total int64)
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.done += int64(n)
	if p.report != nil && (p.done-p.reported >= 1<<20 || p.done == p.total) {
		p.reported = p.done
		p.report(p.done, p.total)
	}
	return n, err
}
