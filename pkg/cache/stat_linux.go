package cache

import (
	"io/fs"
	"syscall"
)

// sysStat adds the inode and ctime of fi, where its file system keeps them, to st.
func sysStat(fi fs.FileInfo, st *Stat) bool {
	sys, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return false
	}
	st.Inode = sys.Ino
	st.Change = sys.Ctim.Nano()
	return true
}
