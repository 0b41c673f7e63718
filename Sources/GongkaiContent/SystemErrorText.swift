import Foundation

/// What the system says when a file cannot be written (`errno`), in the editor's words: `strerror`
/// is English whatever the language, and would put an English fragment in a Chinese message.
public enum SystemErrorText {
    public static func chinese(_ code: Int32) -> String {
        switch code {
        case ENOSPC, EDQUOT, EFBIG: "磁盘已满或超出配额"
        case EROFS: "该位置是只读的"
        case EACCES, EPERM: "没有写入权限"
        case ENAMETOOLONG: "文件名太长"
        case ENOENT: "文件夹不存在"
        case ENOTDIR, EISDIR, EEXIST, ENOTEMPTY: "同一个名字已经是文件（或文件夹）了"
        case EINVAL, EILSEQ: "这个文件系统不接受这个名称（U 盘、Windows 的文件系统不允许某些字符）"
        case EIO: "读写出错，磁盘或 U 盘可能已拔出或损坏"
        case EMFILE, ENFILE: "同时打开的文件太多"
        case ELOOP: "符号链接绕成了圈"
        case EBUSY, ETXTBSY: "文件正被别的程序占用"
        default: "系统错误，错误号 \(code)"
        }
    }

    public static func english(_ code: Int32) -> String { String(cString: strerror(code)) }
}
