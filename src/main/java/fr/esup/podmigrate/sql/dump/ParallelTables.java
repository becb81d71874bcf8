package fr.esup.podmigrate.sql.dump;

import fr.esup.podmigrate.sql.SqlBytes;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Renders a dump's tables on several connections of one snapshot at once, each table or part of a table
 * ({@link TablePart}) on one connection, taken in their order, and hands them to the writer in that order. The part
 * being written streams from its worker to the writer; the parts rendered ahead of it wait in memory, up to a bound
 * per part and for them all, beyond which they go to a temporary file. Workers take no new part while too many wait.
 */
final class ParallelTables implements AutoCloseable {

    /** Parts taken beyond one per worker before the writer has written them: bounds the temporary files open. */
    private static final int MAX_PARTS_AHEAD = 16;
    /** The memory all waiting parts may hold, in parts' bounds. */
    private static final int WAITING_BOUNDS = 4;
    /** Written buffers kept for the workers to fill again, per worker: fewer arrays to allocate, zero and collect. */
    private static final int SPARE_BUFFERS_PER_WORKER = 2;

    /** Where the writer puts the parts' bytes. */
    interface Destination {
        void write(byte[] bytes, int length) throws IOException;

        /** An INSERT statement ends {@code partOffset} bytes into the part being written, after its {@code partRows}. */
        void statementEnded(long partOffset, long partRows);
    }

    private record Chunk(byte[] bytes, int length, long[] statementEnds) {
    }

    private final List<TablePart> parts;
    private final DumpOptions options;
    private final Path spillDirectory;
    private final int tableMemoryBytes;
    private final List<Thread> workers = new ArrayList<>();
    private final Object lock = new Object();
    /** Guarded by {@link #lock}, as are the buffers' fields: index = part, null before it is taken and once written. */
    private final PartBuffer[] buffers;
    private int nextPart;
    private int partsWritten;
    private long waitingMemoryBytes;
    private final ArrayDeque<byte[]> spareBuffers = new ArrayDeque<>();
    private Throwable failure;
    private volatile boolean stopped;

    /**
     * Starts one worker per connection.
     *
     * @param spillDirectory   where waiting parts go beyond their bound; null for the system's temporary directory
     * @param tableMemoryBytes the memory a waiting part may hold
     */
    ParallelTables(List<Connection> connections, List<TablePart> parts, DumpOptions options, Path spillDirectory,
                   int tableMemoryBytes) {
        this.parts = parts;
        this.options = options;
        this.spillDirectory = spillDirectory;
        this.tableMemoryBytes = tableMemoryBytes;
        this.buffers = new PartBuffer[parts.size()];
        for (Connection connection : connections) {
            Thread worker = new Thread(() -> work(connection), "pod-migrate-dump-" + (workers.size() + 1));
            worker.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
    }

    /**
     * Writes part {@code index} to {@code destination} as its worker renders it, after whatever of it already waits
     * in memory or on disk; the parts before it must have been written.
     */
    DumpResult.TableResult writePart(int index, Destination destination) throws SQLException, IOException {
        PartBuffer buffer;
        synchronized (lock) {
            while ((buffer = buffers[index]) == null) {
                await(index);
            }
            buffer.writing = true;
            waitingMemoryBytes -= buffer.memoryBytes;
            lock.notifyAll();
        }
        if (buffer.spillFile != null) {
            copySpill(buffer, destination);
        }
        byte[] written = null;
        while (true) {
            Chunk chunk;
            synchronized (lock) {
                recycle(written);
                while ((chunk = buffer.chunks.poll()) == null && buffer.result == null) {
                    await(index);
                }
                if (chunk == null) {
                    buffers[index] = null;
                    partsWritten++;
                    lock.notifyAll();
                    return buffer.result;
                }
                buffer.memoryBytes -= chunk.bytes.length;
                lock.notifyAll();
            }
            destination.write(chunk.bytes, chunk.length);
            reportStatementEnds(chunk.statementEnds, 0, chunk.statementEnds.length, destination);
            written = chunk.bytes;
        }
    }

    /** Keeps a written buffer of the usual size for a worker to fill again; under the lock. */
    private void recycle(byte[] written) {
        if (written != null && written.length == TableRenderer.BUFFER_BYTES
                && spareBuffers.size() < SPARE_BUFFERS_PER_WORKER * workers.size()) {
            spareBuffers.push(written);
        }
    }

    /** The worker no longer writes to the file once the part is being written. */
    private void copySpill(PartBuffer buffer, Destination destination) throws IOException {
        buffer.spill.close();
        long[] ends = buffer.spilledStatementEnds;
        int reported = 0;
        try (InputStream in = new FileInputStream(buffer.spillFile.toFile())) {
            byte[] piece = new byte[TableRenderer.BUFFER_BYTES];
            long copied = 0;
            int n;
            while ((n = in.read(piece)) > 0) {
                destination.write(piece, n);
                copied += n;
                int upTo = reported;
                while (upTo < buffer.spilledStatementEndValues && ends[upTo] <= copied) {
                    upTo += 2;
                }
                reportStatementEnds(ends, reported, upTo, destination);
                reported = upTo;
            }
        } finally {
            Files.delete(buffer.spillFile);
            buffer.spillFile = null;
        }
    }

    private static void reportStatementEnds(long[] ends, int from, int to, Destination destination) {
        for (int i = from; i < to; i += 2) {
            destination.statementEnded(ends[i], ends[i + 1]);
        }
    }

    /** Waits for a worker; throws what stopped one, or cancels when the writer's thread is interrupted. */
    private void await(int index) throws SQLException, IOException {
        if (failure != null) {
            rethrow(failure);
        }
        try {
            lock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Dump cancelled while writing table " + parts.get(index).table().name());
        }
    }

    private static void rethrow(Throwable failure) throws SQLException, IOException {
        if (failure instanceof SQLException e) {
            throw e;
        }
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(failure);
    }

    private void work(Connection connection) {
        try {
            TableRenderer renderer = new TableRenderer(connection, options, () -> stopped);
            for (PartBuffer buffer = nextPart(); buffer != null; buffer = nextPart()) {
                DumpResult.TableResult result = renderer.render(buffer.part, buffer);
                synchronized (lock) {
                    buffer.result = result;
                    lock.notifyAll();
                }
            }
        } catch (Throwable e) {
            synchronized (lock) {
                if (failure == null) {
                    failure = e;
                }
                stopped = true;
                lock.notifyAll();
            }
        }
    }

    /** The next part for a worker, or null when none is left. */
    private PartBuffer nextPart() throws InterruptedException {
        synchronized (lock) {
            while (!stopped && nextPart < parts.size()
                    && nextPart - partsWritten >= workers.size() + MAX_PARTS_AHEAD) {
                lock.wait();
            }
            if (stopped || nextPart == parts.size()) {
                return null;
            }
            PartBuffer buffer = new PartBuffer(parts.get(nextPart));
            buffers[nextPart++] = buffer;
            lock.notifyAll();
            return buffer;
        }
    }

    /** Stops the workers, waits for them, and deletes the temporary files. */
    @Override
    public void close() throws IOException {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
        boolean interrupted = false;
        for (Thread worker : workers) {
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (PartBuffer buffer : buffers) {
            if (buffer != null && buffer.spillFile != null) {
                try {
                    buffer.spill.close();
                } finally {
                    Files.deleteIfExists(buffer.spillFile);
                }
            }
        }
    }

    /** One part on its way from its worker to the writer. */
    private final class PartBuffer implements TableRenderer.Output {

        final TablePart part;
        final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
        long memoryBytes;
        boolean writing;
        Path spillFile;
        OutputStream spill;
        long[] spilledStatementEnds = new long[0];
        int spilledStatementEndValues;
        DumpResult.TableResult result;

        PartBuffer(TablePart part) {
            this.part = part;
        }

        @Override
        public void take(SqlBytes bytes, long[] statementEnds, int values) throws IOException {
            long[] ends = Arrays.copyOf(statementEnds, values);
            synchronized (lock) {
                try {
                    while (writing && memoryBytes >= tableMemoryBytes && !stopped) {
                        lock.wait();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (stopped || Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("Dump stopped while writing table " + part.table().name());
                }
                int memory = bytes.capacity();
                if (!writing && (spillFile != null || memoryBytes + memory > tableMemoryBytes
                        || waitingMemoryBytes + memory > (long) WAITING_BOUNDS * tableMemoryBytes)) {
                    spill(bytes, ends);
                    return;
                }
                int length = bytes.length();
                chunks.add(new Chunk(bytes.detach(spareBuffers.poll()), length, ends));
                memoryBytes += memory;
                if (!writing) {
                    waitingMemoryBytes += memory;
                }
                lock.notifyAll();
            }
        }

        /** Moves what waits in memory to the file, then appends the bytes: under the lock, which the writer takes the part by. */
        private void spill(SqlBytes bytes, long[] ends) throws IOException {
            if (spillFile == null) {
                spillFile = Files.createTempFile(spillDirectory, "pod-migrate-dump-", ".sql");
                spill = new FileOutputStream(spillFile.toFile());
                for (Chunk chunk = chunks.poll(); chunk != null; chunk = chunks.poll()) {
                    spill.write(chunk.bytes, 0, chunk.length);
                    spilled(chunk.statementEnds);
                    recycle(chunk.bytes);
                }
                waitingMemoryBytes -= memoryBytes;
                memoryBytes = 0;
            }
            bytes.writeTo(spill);
            bytes.clear();
            spilled(ends);
        }

        private void spilled(long[] ends) {
            if (spilledStatementEndValues + ends.length > spilledStatementEnds.length) {
                spilledStatementEnds = Arrays.copyOf(spilledStatementEnds,
                        Math.max(2 * spilledStatementEnds.length, spilledStatementEndValues + ends.length));
            }
            System.arraycopy(ends, 0, spilledStatementEnds, spilledStatementEndValues, ends.length);
            spilledStatementEndValues += ends.length;
        }
    }
}
