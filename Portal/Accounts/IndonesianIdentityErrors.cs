using Microsoft.AspNetCore.Identity;

namespace Portal.Accounts;

/// <summary>Identity's error messages in Indonesian, so a rule Identity enforces reads like every other message on the page.</summary>
public sealed class IndonesianIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Terjadi kesalahan. Silakan coba lagi.");

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "Data akun baru saja diubah di tempat lain. Muat ulang halaman lalu coba lagi.");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Kata sandi salah.");

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "Tautan ini tidak berlaku atau sudah kedaluwarsa.");

    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), "Kode pemulihan tidak berlaku.");

    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), "Akun dengan cara masuk ini sudah ada.");

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "Nama pengguna tidak valid.");

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "Alamat email tidak valid.");

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "Alamat email ini sudah terdaftar.");

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), "Alamat email ini sudah terdaftar.");

    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), "Nama peran tidak valid.");

    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), "Peran ini sudah ada.");

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "Akun ini sudah memiliki kata sandi.");

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "Penguncian akun tidak aktif untuk akun ini.");

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), $"Akun ini sudah memiliki peran {role}.");

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), $"Akun ini tidak memiliki peran {role}.");

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"Kata sandi minimal {length} karakter.");

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), $"Kata sandi harus memuat sedikitnya {uniqueChars} karakter yang berbeda.");

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "Kata sandi harus memuat sedikitnya satu simbol.");

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "Kata sandi harus memuat sedikitnya satu angka.");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "Kata sandi harus memuat sedikitnya satu huruf kecil.");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "Kata sandi harus memuat sedikitnya satu huruf besar.");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
