using SecurityKit.Crypto;
using SecurityKit.Signing.Batch;

namespace SecurityKit.Signing.Tests.Batch;

/// <summary>The stop rules of a PIN-per-signature session, with the token replaced by a function (SoftHSM2 never
/// locks a PIN, so a locked card is simulated here; the real refused-PIN path is in <see cref="Pkcs11BatchDeviceTests"/>).</summary>
public sealed class Pkcs11PinStopRulesTests
{
    private static readonly BatchSignatureRequest[] Requests =
        [.. Enumerable.Range(0, 4).Select(i => new BatchSignatureRequest($"d{i}", new byte[] { 1 }, new byte[32]))];

    [Fact]
    public async Task A_locked_pin_fails_that_document_and_is_never_tried_again_in_the_session()
    {
        var calls = 0;

        var outcomes = await Pkcs11BatchDevice.SignInTurnAsync(Requests, (i, _) =>
        {
            calls++;
            return i == 1 ? throw new HsmException(HsmFailure.PinLocked, "the PIN is locked", "token 'eid'") : ValueTask.FromResult<byte[]?>([7]);
        }, CancellationToken.None);

        Assert.Equal(2, calls);
        Assert.Equal([true, false, false, false], outcomes.Select(o => o.Value is not null));
        Assert.Equal([true, true, false, false], outcomes.Select(o => o.Attempted));
        Assert.Equal("the PIN is locked", outcomes[1].Reason);
    }

    [Fact]
    public async Task A_device_error_on_the_first_signature_fails_the_whole_session()
    {
        var error = await Assert.ThrowsAsync<HsmException>(() => Pkcs11BatchDevice.SignInTurnAsync(
            Requests, (_, _) => throw new HsmException(HsmFailure.DeviceError, "PKCS#11 error CKR_DEVICE_REMOVED", "token 'eid'"), CancellationToken.None));

        Assert.Equal(HsmFailure.DeviceError, error.Failure);
    }

    [Fact]
    public async Task A_device_error_after_some_signatures_keeps_them_and_stops()
    {
        var outcomes = await Pkcs11BatchDevice.SignInTurnAsync(Requests, (i, _) =>
            i == 2 ? throw new HsmException(HsmFailure.DeviceError, "PKCS#11 error CKR_DEVICE_REMOVED", "token 'eid'") : ValueTask.FromResult<byte[]?>([7]), CancellationToken.None);

        Assert.Equal([true, true, false, false], outcomes.Select(o => o.Value is not null));
        Assert.Equal([true, true, true, false], outcomes.Select(o => o.Attempted));
    }

    [Fact]
    public async Task A_prompt_cancelled_by_the_signatory_stops_without_failing_any_document()
    {
        var outcomes = await Pkcs11BatchDevice.SignInTurnAsync(Requests, (i, _) =>
            i == 1 ? throw new OperationCanceledException() : ValueTask.FromResult<byte[]?>([7]), CancellationToken.None);

        Assert.Equal([true, false, false, false], outcomes.Select(o => o.Attempted));
        Assert.All(outcomes.Skip(1), o => Assert.Equal("the signatory declined the PIN entry", o.Reason));
    }
}
