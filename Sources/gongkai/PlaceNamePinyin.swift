import Foundation

/// Pinyin of a Chinese place name, as the place is called: 长乐 changle, 重阳 chongyang, 曾家 zengjia,
/// 单家 shanjia, 厦门 xiamen.
///
/// Foundation's transliteration (ICU's Han-Latin) reads each character by its most common reading,
/// which for polyphonic characters is often not the one place names and surnames use (it gives
/// zhangle, zhongyang, cengjia, danjia). The tables below fix those readings; ICU reads everything else.
/// A fact about how a name is read lives here and nowhere else.
enum PlaceNamePinyin {
    /// Place names read their own way, whole (the longest match wins).
    static let words: [String: String] = [
        "长子": "zhangzi",  // 长子县: the exception to 长 = chang
        "厦门": "xiamen",
        "六安": "luan",
        "六合": "luhe",
        "乐清": "yueqing",
        "乐亭": "laoting",
        "番禺": "panyu",
        "蚌埠": "bengbu",
        "大埔": "dabu",  // but 黄埔 huangpu: 埔 = pu below
        "洪洞": "hongtong",
        "会稽": "kuaiji",
        "尉犁": "yuli",
        "蔚县": "yuxian",
        "铅山": "yanshan",
        "枞阳": "zongyang",
        "莘庄": "xinzhuang",
        "西藏": "xizang",
        "繁峙": "fanshi",
        "句容": "jurong",
        "牟平": "muping",
        "浚县": "xunxian",
        "犍为": "qianwei",
        "筠连": "junlian",
        "泌阳": "biyang",
        "歙县": "shexian",
        "莎车": "shache",
        "吴堡": "wubu",
        "十里堡": "shilipu",
        "栎阳": "yueyang",
        "涡阳": "guoyang",
    ]

    /// Characters that place names (and the surnames in them) read one way, wherever they occur.
    static let characters: [Character: String] = [
        "长": "chang",  // 长乐, 长沙, 长春, 长安 (ICU: zhang)
        "重": "chong",  // 重阳, 重庆, 重兴 (ICU: zhong)
        "曾": "zeng",  // 曾家, 曾厝垵: the surname (ICU: ceng)
        "单": "shan",  // 单家, 单县: the surname (ICU: dan)
        "都": "du",  // 都江堰, 都昌, 成都 (ICU: dou)
        "埔": "pu",  // 黄埔, 埔前 (ICU: bu)
        "什": "shi",  // 什邡, 喀什, 什字 (ICU: shen)
        "翟": "zhai",  // 翟家庄, 翟营: the surname (ICU: di)
        "覃": "qin",  // 覃家, 覃塘: the surname (ICU: tan)
        "仇": "qiu",  // 仇家, 仇庄: the surname (ICU: chou)
        "缪": "miao",  // 缪家: the surname (ICU: mou)
        "漯": "luo",  // 漯河 (ICU: ta)
        "朝": "chao",  // 朝阳, 朝天
    ]

    /// Surnames read their own way only where they name a clan's settlement: before 家, 庄, 屯, 营 or 寨
    /// (解家庄 xiejiazhuang, but 解放村 jiefangcun).
    static let surnames: [Character: String] = [
        "解": "xie", "查": "zha", "区": "ou", "朴": "piao", "盖": "ge", "薄": "bo", "种": "chong",
        "召": "shao", "折": "she", "繁": "po",
    ]
    static let settlements: Set<Character> = ["家", "庄", "屯", "营", "寨"]

    static let longestWord = words.keys.map(\.count).max() ?? 1

    /// Lowercase toneless syllables separated by spaces (`chang le cun`); ü is written v (吕家 lv jia).
    /// Characters that are not Han pass through ICU as they are (Latin stays, symbols stay).
    static func syllables(_ name: String) -> String {
        let characters = Array(name)
        var pieces: [String] = []
        var pending = ""
        func flush() {
            if !pending.isEmpty { pieces.append(transliterated(pending)) }
            pending = ""
        }
        var i = 0
        while i < characters.count {
            if let (reading, length) = word(at: i, in: characters) {
                flush()
                pieces.append(reading)
                i += length
                continue
            }
            let character = characters[i]
            let next = i + 1 < characters.count ? characters[i + 1] : nil
            if let reading = surnames[character], let next, settlements.contains(next) {
                flush()
                pieces.append(reading)
            } else if let reading = self.characters[character] {
                flush()
                pieces.append(reading)
            } else {
                pending.append(character)
            }
            i += 1
        }
        flush()
        return pieces.joined(separator: " ")
    }

    static func word(at start: Int, in characters: [Character]) -> (String, Int)? {
        var length = min(longestWord, characters.count - start)
        while length >= 2 {
            if let reading = words[String(characters[start..<(start + length)])] { return (reading, length) }
            length -= 1
        }
        return nil
    }

    /// ICU's reading, lowercase, without tone marks, ü as v.
    static func transliterated(_ text: String) -> String {
        let latin = text.applyingTransform(.toLatin, reverse: false) ?? text
        // Decomposed, ü is u + U+0308 whatever its tone: write it v before the marks go.
        let decomposed = latin.decomposedStringWithCanonicalMapping.lowercased()
        var out = ""
        let scalars = Array(decomposed.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "u", index + 1 < scalars.count, scalars[index + 1] == "\u{0308}" {
                out.append("v")
                index += 2
                continue
            }
            // Combining marks (tones) go.
            if !(0x0300...0x036F).contains(scalar.value) { out.unicodeScalars.append(scalar) }
            index += 1
        }
        return out
    }
}
