using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Net.Pkcs11Interop.HighLevelAPI.Factories;
using SecurityKit.Crypto;

namespace SecurityKit.Testing;

/// <summary>
/// A raw PKCS#11 session on a <see cref="SoftHsmToken"/>, logged in as the user: for putting keys into the token in
/// ways softhsm2-util cannot, and for checking what the token itself enforces, outside the code under test. Disposing
/// it finalises the module (C_Finalize), so open one only while no <see cref="Pkcs11KeyProvider"/> holds the module.
/// </summary>
public sealed class SoftHsmSession : IDisposable
{
    private readonly IPkcs11Library _library;

    internal SoftHsmSession(string tokenLabel, string userPin, bool readWrite)
    {
        Pkcs11NativeResolver.Register();
        _library = Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, SoftHsmToken.ModulePath, AppType.MultiThreaded);
        try
        {
            var slot = _library.GetSlotList(SlotsType.WithTokenPresent).First(s => s.GetTokenInfo().Label.Trim() == tokenLabel);
            Session = slot.OpenSession(readWrite ? SessionType.ReadWrite : SessionType.ReadOnly);
            Session.Login(CKU.CKU_USER, userPin);
        }
        catch
        {
            _library.Dispose();
            throw;
        }
    }

    /// <summary>The Pkcs11Interop factories (mechanisms, attributes).</summary>
    public Pkcs11InteropFactories Factories { get; } = new();

    /// <summary>The logged-in session.</summary>
    public ISession Session { get; }

    /// <summary>The attribute factory, for object templates.</summary>
    public IObjectAttributeFactory Attributes => Factories.ObjectAttributeFactory;

    /// <summary>The one object of <paramref name="objectClass"/> labelled <paramref name="label"/>.</summary>
    /// <param name="objectClass">CKA_CLASS.</param>
    /// <param name="label">CKA_LABEL.</param>
    public IObjectHandle Find(CKO objectClass, string label) =>
        Session.FindAllObjects([Attributes.Create(CKA.CKA_CLASS, objectClass), Attributes.Create(CKA.CKA_LABEL, label)]).Single();

    /// <summary>Logs out, closes the session and finalises the module.</summary>
    public void Dispose()
    {
        Session.Logout();
        Session.Dispose();
        _library.Dispose();
    }
}
