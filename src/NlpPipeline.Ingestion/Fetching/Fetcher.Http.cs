using System.Net.Http.Headers;
using NlpPipeline.Ingestion.Politeness;
using Polly;
using Polly.Retry;

namespace NlpPipeline.Ingestion.Fetching;

public sealed partial class Fetcher
{
    private const string Accept =
        "text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,application/atom+xml,application/feed+json,*/*;q=0.5";

    /// <summary>Polly retry around one request: backoff doubling from <see cref="FetchOptions.RetryBaseDelay"/> with jitter, or Retry-After.</summary>
    private ResiliencePipeline<Attempt> BuildRetries()
    {
        var builder = new ResiliencePipelineBuilder<Attempt> { TimeProvider = _time };
        if (_options.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<Attempt>
            {
                MaxRetryAttempts = _options.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.MaxRetryAfter > TimeSpan.Zero ? _options.MaxRetryAfter : null,   // backoff never waits longer than a Retry-After may
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Transient: true }),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
                OnRetry = args =>
                {
                    var attempt = args.Outcome.Result!;
                    if (attempt.RetryAfter is { } wait) _schedule.Defer(HostSchedule.HostOf(attempt.Url), _time.GetUtcNow() + wait);
                    var detail = $"{attempt.Detail}; retry {args.AttemptNumber + 1} of {_options.Retries} in {Seconds(args.RetryDelay)} s";
                    args.Context.Properties.GetValue(OnFetchKey, null)?.Invoke(attempt.ToRecord(detail) with { WillRetry = true });
                    return default;
                },
            });
        }
        return builder.Build();
    }

    private async Task<Attempt> SendWithRetriesAsync(Uri url, HttpValidators? validators, int maxBytes, Action<FetchRecord>? onFetch, CancellationToken ct)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(OnFetchKey, onFetch);
        try
        {
            return await _retries.ExecuteAsync(
                static (ctx, s) => new ValueTask<Attempt>(s.Self.SendOnceAsync(s.Url, s.Validators, s.MaxBytes, ctx.CancellationToken)),
                context, (Self: this, Url: url, Validators: validators, MaxBytes: maxBytes));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// One GET at the host's turn, body included (a connection that breaks mid-body is a failed attempt),
    /// within the timeout, which starts once it is our turn.
    /// </summary>
    private async Task<Attempt> SendOnceAsync(Uri url, HttpValidators? validators, int maxBytes, CancellationToken ct)
    {
        await _schedule.WaitTurnAsync(HostSchedule.HostOf(url), ct);   // before the timeout starts
        var at = _time.GetUtcNow();
        var clock = _time.GetTimestamp();
        Attempt Result(FetchOutcome outcome, int? status, string? detail, bool transient = false) =>
            new(url, at, _time.GetElapsedTime(clock), outcome, status, detail) { Transient = transient };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Options.Set(PolitenessHandler.TurnTaken, true);
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        request.Headers.TryAddWithoutValidation("Accept", Accept);
        if (validators?.ETag is { } etag) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        if (validators?.LastModified is { } since) request.Headers.TryAddWithoutValidation("If-Modified-Since", since);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400 and not 304)
            {
                if (response.Headers.Location is not { } location)
                    return Result(FetchOutcome.HttpError, status, $"HTTP {status} without a Location header");
                var target = location.IsAbsoluteUri ? location : new Uri(url, location);
                return Result(FetchOutcome.Redirect, status, null) with { Location = target };
            }
            if (status == 304)
                return validators is null
                    ? Result(FetchOutcome.HttpError, status, "HTTP 304 to a request that was not conditional")
                    : Result(FetchOutcome.NotModified, status, "not modified since the last run") with { Validators = validators };
            if (status is 429 or 503)
                return RateLimited(Result, status, RetryAfter.Delay(response.Headers.RetryAfter, _time.GetUtcNow()));
            if (!response.IsSuccessStatusCode)
                return Result(FetchOutcome.HttpError, status, $"HTTP {status} {response.ReasonPhrase}".TrimEnd(), transient: status >= 500);
            if (response.Content.Headers.ContentLength > maxBytes)
                return Result(FetchOutcome.TooLarge, status, $"Content-Length {response.Content.Headers.ContentLength} is over the {maxBytes}-byte cap; not read");
            var (body, complete) = await ReadLimitedAsync(response.Content, maxBytes, timeout.Token);
            if (!complete)
                return Result(FetchOutcome.TooLarge, status, $"body is over the {maxBytes}-byte cap; the rest was not read") with { Body = body };
            var type = response.Content.Headers.ContentType;
            return Result(FetchOutcome.Ok, status, null) with
            {
                Body = body,
                MediaType = type?.MediaType,
                Charset = type?.CharSet?.Trim('"', '\'', ' '),
                Validators = HttpValidators.From(response.Headers.ETag?.ToString(), Header(response.Content.Headers, "Last-Modified")),
            };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Result(FetchOutcome.Timeout, null, $"no complete answer within {Seconds(_options.Timeout)} s", transient: true);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidDataException)
        {
            return Result(FetchOutcome.Connection, null, Innermost(ex), transient: true);
        }
    }

    private Attempt RateLimited(Func<FetchOutcome, int?, string?, bool, Attempt> result, int status, TimeSpan? wait)
    {
        var outcome = status == 429 ? FetchOutcome.RateLimited : FetchOutcome.HttpError;
        if (wait is null) return result(outcome, status, $"HTTP {status}", true);
        if (wait > _options.MaxRetryAfter)
            return result(FetchOutcome.RateLimited, status,
                $"HTTP {status} with Retry-After {Seconds(wait.Value)} s, over the {Seconds(_options.MaxRetryAfter)} s cap: given up for this run", false);
        return result(outcome, status, $"HTTP {status}, Retry-After {Seconds(wait.Value)} s", true) with { RetryAfter = wait };
    }

    private static async Task<(byte[] Body, bool Complete)> ReadLimitedAsync(HttpContent content, int maxBytes, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) return (buffer.ToArray(), false);
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), true);
    }

    private static string? Header(HttpContentHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string Innermost(Exception ex)
    {
        var message = ex.Message;
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
            if (!string.IsNullOrWhiteSpace(inner.Message) && !message.Contains(inner.Message, StringComparison.Ordinal)) message += ": " + inner.Message;
        return message;
    }
}
