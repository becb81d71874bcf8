package fr.esup.podmigrate.sql;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ReadBufferedSocketFactoryTest {

    /** A socket's input: gives at most what one packet holds per read, and fails the test when asked what waits. */
    private static final class PacketInput extends InputStream {
        private final byte[] bytes;
        private final Random random;
        private final int largestPacket;
        private int position;
        int reads;
        int largestRead;

        /** @param random the length of each packet, up to {@code largestPacket}; null for packets that long */
        PacketInput(byte[] bytes, Random random, int largestPacket) {
            this.bytes = bytes;
            this.random = random;
            this.largestPacket = largestPacket;
        }

        @Override
        public int read() {
            throw new AssertionError("a socket is read by arrays");
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (position == bytes.length) {
                return -1;
            }
            reads++;
            largestRead = Math.max(largestRead, length);
            int packet = random == null ? largestPacket : 1 + random.nextInt(largestPacket);
            int given = Math.min(Math.min(length, bytes.length - position), packet);
            System.arraycopy(bytes, position, target, offset, given);
            position += given;
            return given;
        }

        @Override
        public int available() {
            throw new AssertionError("available() is a system call on a socket");
        }
    }

    @Test
    void givesTheSocketsBytesInOrderWhateverTheReadsLengths() throws IOException {
        Random random = new Random(12);
        byte[] sent = new byte[3_000_000];
        random.nextBytes(sent);
        PacketInput socket = new PacketInput(sent, random, 70_000);
        InputStream input = new ReadBufferedSocketFactory.ReadBufferedInput(socket);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] target = new byte[2 * ReadBufferedSocketFactory.BUFFER_BYTES];
        while (true) {
            int wanted = switch (random.nextInt(4)) {
                case 0 -> 1 + random.nextInt(8);
                case 1 -> 1 + random.nextInt(20_000);
                case 2 -> ReadBufferedSocketFactory.BUFFER_BYTES + random.nextInt(1000);
                default -> 0;
            };
            if (wanted == 1 && random.nextBoolean()) {
                int single = input.read();
                if (single < 0) {
                    break;
                }
                received.write(single);
                continue;
            }
            int offset = random.nextInt(100);
            int read = input.read(target, offset, wanted);
            if (wanted == 0) {
                assertThat(read).isZero();
                continue;
            }
            if (read < 0) {
                break;
            }
            assertThat(read).isBetween(1, wanted);
            assertThat(input.available()).isGreaterThanOrEqualTo(0);
            received.write(target, offset, read);
        }
        assertThat(Arrays.equals(received.toByteArray(), sent)).isTrue();
        assertThat(input.read()).isEqualTo(-1);
        assertThat(input.read(target, 0, 10)).isEqualTo(-1);
    }

    @Test
    void readsTheSocketAQuarterMegabyteAtATimeForSmallReads() throws IOException {
        byte[] sent = new byte[5 * ReadBufferedSocketFactory.BUFFER_BYTES];
        PacketInput socket = new PacketInput(sent, null, Integer.MAX_VALUE);
        InputStream input = new ReadBufferedSocketFactory.ReadBufferedInput(socket);
        byte[] row = new byte[100];
        int total = 0;
        for (int read = input.read(row, 0, row.length); read > 0; read = input.read(row, 0, row.length)) {
            total += read;
        }
        assertThat(total).isEqualTo(sent.length);
        assertThat(socket.largestRead).isEqualTo(ReadBufferedSocketFactory.BUFFER_BYTES);
        assertThat(socket.reads).isEqualTo(5);
    }

    @Test
    void skipsOnlyWhatItHolds() throws IOException {
        byte[] sent = new byte[1000];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = (byte) (i % 100);
        }
        InputStream input = new ReadBufferedSocketFactory.ReadBufferedInput(new PacketInput(sent, null, 600));
        assertThat(input.skip(10)).isZero();
        assertThat(input.read()).isZero();
        assertThat(input.available()).isEqualTo(599);
        assertThat(input.skip(150)).isEqualTo(150);
        assertThat(input.read()).isEqualTo(51);
        assertThat(input.skip(1000)).isEqualTo(448);
        assertThat(input.available()).isZero();
        assertThat(input.read()).isZero();
        assertThat(input.available()).isEqualTo(399);
    }
}
