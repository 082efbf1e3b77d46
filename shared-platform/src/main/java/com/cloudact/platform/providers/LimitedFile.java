package com.cloudact.platform.providers;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Writes a response body to a file, failing as soon as it grows past the limit instead of filling the disk. */
final class LimitedFile implements HttpResponse.BodySubscriber<Path> {

    private final Path target;
    private final long limit;
    private final CompletableFuture<Path> result = new CompletableFuture<>();
    private FileChannel channel;
    private Flow.Subscription subscription;
    private long written;

    LimitedFile(Path target, long limit) {
        this.target = target;
        this.limit = limit;
    }

    @Override
    public CompletionStage<Path> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        try {
            channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            s.cancel();
            result.completeExceptionally(e);
            return;
        }
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        try {
            for (ByteBuffer item : items) {
                written += item.remaining();
                if (written > limit) {
                    fail(new IOException("Response body larger than " + limit + " bytes"));
                    return;
                }
                while (item.hasRemaining()) {
                    channel.write(item);
                }
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    @Override
    public void onError(Throwable t) {
        close();
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        try {
            channel.close();
            result.complete(target);
        } catch (IOException e) {
            result.completeExceptionally(e);
        }
    }

    private void fail(IOException e) {
        subscription.cancel();
        close();
        result.completeExceptionally(e);
    }

    private void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // The body has already failed; the caller deletes the partial file.
        }
    }
}
