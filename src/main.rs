fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let d = sagsspor::text::decode(&bytes).unwrap();
    let m = sagsspor::parse::parse(&d.text).unwrap();
    println!("{}", serde_json::to_string_pretty(&m).unwrap());
}
