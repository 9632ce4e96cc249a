// Package fileio keeps the files a user keeps safe: an input is only read,
// an output never lands on an input, and an output is either the old file
// or the complete new one, never half of either.
//
// # Inputs
//
// OpenInput opens a file for reading only if it is a regular file. A
// directory, a named pipe (FIFO), a device such as /dev/zero, or a socket is
// refused at once with a message saying what the path is, before a single
// byte is read: opening a FIFO would block until a writer appears, and a
// device can be read forever. On Unix the file is opened non-blocking and
// checked again after opening, so a path swapped for a FIFO between the
// check and the open cannot block either.
//
// # Outputs
//
// CheckPaths takes a command's inputs and outputs, each named by its role
// (a flag such as "-out", or a word such as "model"), and refuses, before
// any work is done:
//   - an output that is an input: the same file reached through a symlink,
//     a hard link, a relative path or any other spelling (os.SameFile), and
//     for an output that does not exist yet, the same name in the same
//     directory reached by another spelling;
//   - two outputs that are the same file;
//   - an output that exists and is not a regular file (a device node, a
//     FIFO, a directory): writing would replace it;
//   - an output whose directory is missing or cannot be written: found by
//     creating and removing a probe file there, so a read-only file system
//     or a permission counts as well, and found before training, not after.
//
// Every refusal is an *Error naming both paths where two are involved, with
// a hint saying how to fix it; errors.Is matches ErrSameFile, ErrNotRegular
// or ErrNotWritable.
//
// # Atomic writes
//
// WriteFile and Write write through a temporary file in the output's
// directory, synced to disk and renamed over the output, then sync the
// directory. A reader sees the old file or the new one; a failure or a kill
// at any moment leaves the old file as it was. When the output is a
// symlink, the file it points to is replaced and the link kept.
//
// Permissions: an existing output keeps its permission bits (a 0600 file
// stays 0600); a new one is created with 0666 less the process umask, as
// any program's new file is (umask 022 gives 0644, umask 077 gives 0600).
// Ownership is not changed.
//
// Temporary files are named ".NAME.RANDOM.forecaster.tmp" next to the
// output. One left behind by a killed process is removed by the next write
// into that directory once it is older than StaleAge; only files with that
// exact pattern are touched, never a user's file.
package fileio
